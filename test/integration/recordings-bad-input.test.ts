import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingImportInput } from '../../shared/api/areas/recording-methods';
import type { Family } from '../../shared/domain/entities';
import { HOSTILE_MARKER, makeBadInputCorpus, type CorpusEntry } from '../fixtures/clips';
import { seedFamily } from './support/seed';
import { startTestBackend, tempDir, withCoordinator, type TestBackend } from './support/temp-backend';

let t: TestBackend;
let family: Family;
let corpus: CorpusEntry[];
const corpusDir = tempDir('afstemming-corpus-');

beforeAll(async () => {
  t = startTestBackend();
  await withCoordinator(t.api);
  family = await seedFamily(t.api, 'OB-26-201');
  corpus = await makeBadInputCorpus(corpusDir.path);
}, 120_000);
afterAll(() => {
  t.close();
  corpusDir.remove();
});

const isFifo = (entry: CorpusEntry) => entry.label.startsWith('FIFO');
const rows = () => (t.backend.db.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n;
const tempFiles = () => readdirSync(join(t.dataDir, 'library', '.tmp'));

/** Through the real upload and import path, exactly as the browser does it. */
async function importThroughApi(path: string) {
  const upload = await t.backend.media.receiveUpload(createReadStream(path), encodeURIComponent(basename(path)), t.caller);
  if (!upload.ok) return upload;
  return t.dispatch('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: family.id,
    visitId: family.visits[0]!.id,
    caregiverIds: [family.caregivers[0]!.id],
    activity: 'spelen',
    moment: 'geen',
    recordedOn: '2026-03-01',
  });
}

describe('hostile and broken files through the import API', () => {
  it('imports the good ones and refuses the rest in Dutch, leaving no row or file behind', async () => {
    // A browser cannot upload a FIFO; the desktop dialog path is tested below.
    for (const entry of corpus.filter((e) => !isFifo(e))) {
      const before = rows();
      const originals = readdirSync(join(t.dataDir, 'library', 'originals')).length;
      const started = Date.now();
      const result = await importThroughApi(entry.path);
      expect(Date.now() - started, entry.label).toBeLessThan(30_000);
      if (entry.expect === 'playable') {
        expect(result.ok, `${entry.label}: ${result.ok ? '' : result.error.message}`).toBe(true);
        expect(rows()).toBe(before + 1);
      } else {
        expect(result.ok, `${entry.label} must be refused`).toBe(false);
        if (result.ok) continue;
        expect(result.error.message, entry.label).not.toMatch(/Error:|ENOENT|\/tmp\/|moov atom|Invalid data/);
        expect(result.error.message.length, entry.label).toBeGreaterThan(10);
        expect(rows(), entry.label).toBe(before);
        expect(readdirSync(join(t.dataDir, 'library', 'originals')).length, entry.label).toBe(originals);
      }
      // Media jobs of the good files write their own partial files in the temp folder while running.
      await t.backend.services.jobs.whenIdle();
      expect(tempFiles(), entry.label).toEqual([]);
    }
    for (const dir of [process.cwd(), corpusDir.path, t.dataDir]) expect(existsSync(join(dir, HOSTILE_MARKER))).toBe(false);
  }, 240_000);

  it('refuses a FIFO offered by the desktop dialog without blocking', async () => {
    const fifo = corpus.find(isFifo);
    expect(fifo).toBeDefined();
    const { importRecordingFromPath } = await import('../../electron/backend/features/recordings/recording-import');
    const ctx = { db: t.backend.db, services: t.backend.services, actor: null, now: new Date().toISOString() } as never;
    const input: RecordingImportInput = {
      familyId: family.id,
      visitId: family.visits[0]!.id,
      caregiverIds: [family.caregivers[0]!.id],
      activity: 'spelen',
      moment: 'geen',
      recordedOn: '2026-03-01',
    };
    await expect(importRecordingFromPath(ctx, input, fifo!.path)).rejects.toThrow(/geen gewoon bestand/);
    expect(tempFiles()).toEqual([]);
  });
});

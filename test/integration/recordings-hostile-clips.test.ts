import { createReadStream, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Family } from '../../shared/domain/entities';
import { makeHostileClip, type HostileClipKind } from '../fixtures/clips';
import { seedFamily } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// Valid video files that are no home-visit recording (a picture larger than any camera films, a
// header claiming 100 hours) are refused in Dutch and leave nothing behind; a one-frame clip is a
// recording like any other, thumbnail included.

let t: TestBackend;
let family: Family;
const clips: Partial<Record<HostileClipKind, string>> = {};

beforeAll(async () => {
  t = startTestBackend();
  await withCoordinator(t.api);
  family = await seedFamily(t.api, 'OB-26-401');
  for (const kind of ['huge_frame', 'claims_100_hours', 'one_frame'] as const) clips[kind] = await makeHostileClip(kind);
}, 180_000);
afterAll(() => t.close());

async function importThroughApi(path: string) {
  const upload = await t.backend.media.receiveUpload(createReadStream(path), encodeURIComponent(basename(path)), t.caller);
  if (!upload.ok) return upload;
  return t.dispatch('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: family.id,
    visitId: family.visits[0]!.id,
    caregiverIds: [family.caregivers[0]!.id],
    activity: 'spelen',
    moment: 'voormeting',
    recordedOn: '2026-03-01',
  });
}

const count = (table: string) => (t.backend.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** Everything an import could leave behind: rows, library files and log rows other than the refusal. */
function footprint() {
  const library = ['originals', 'derived', '.tmp'].flatMap((dir) => readdirSync(join(t.dataDir, 'library', dir)).map((name) => `${dir}/${name}`));
  return {
    recordings: count('recordings'),
    mediaFiles: count('media_files'),
    jobs: count('media_jobs'),
    okLogRows: (t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE outcome = 'ok'`).get() as { n: number }).n,
    library: library.sort(),
  };
}

describe('hostile clips at import', () => {
  it('refuses an 8000×8000 Motion-JPEG in Dutch and changes nothing', async () => {
    const before = footprint();
    const result = await importThroughApi(clips.huge_frame!);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          "Het beeld van deze opname is 8000×8000 pixels: groter dan een camera of telefoon filmt (hoogstens 8K, 7680×4320). Zo'n bestand kan niet worden afgespeeld en wordt niet geïmporteerd.",
        messageEn: expect.stringMatching(/^The picture of this recording is 8000×8000 pixels/),
      },
    });
    expect(footprint()).toEqual(before);
    const refusal = t.backend.db.prepare(`SELECT action, outcome, family_id FROM access_log ORDER BY id DESC LIMIT 1`).get();
    expect(refusal).toEqual({ action: 'recording.import', outcome: 'refused', family_id: family.id });
  }, 60_000);

  it('refuses a header that claims 100 hours in Dutch and changes nothing', async () => {
    const before = footprint();
    const result = await importThroughApi(clips.claims_100_hours!);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Volgens het bestand duurt deze opname 100 uur; opnamen van meer dan 24 uur worden niet geïmporteerd. Het bestand is waarschijnlijk beschadigd of verkeerd opgeslagen.',
        messageEn: expect.stringMatching(/^According to the file this recording lasts 100 hours;/),
      },
    });
    expect(footprint()).toEqual(before);
  }, 60_000);

  it('imports a one-frame clip, with its thumbnail, and every job succeeds', async () => {
    const result = await importThroughApi(clips.one_frame!);
    if (!result.ok) throw new Error(result.error.message);
    const id = (result.value as { id: number }).id;
    await t.backend.services.jobs.whenIdle();
    const recording = await t.api.call('recordings.get', { id });
    expect(recording).toMatchObject({ playable: true, durationMs: 40, width: 320, height: 240 });
    expect(recording.jobs.map((job) => [job.kind, job.status, job.error])).toEqual(recording.jobs.map((job) => [job.kind, 'done', null]));
    expect(recording.jobs.map((job) => job.kind)).toContain('sprite');
    expect(recording.sprite).toMatchObject({ count: 1, sheets: 1, columns: 1, rows: 1 });
    const sheet = await t.backend.media.serveMedia(new Request(`http://x/media/${id}/sprite/0`), t.caller);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('image/jpeg');
    expect((await sheet.arrayBuffer()).byteLength).toBeGreaterThan(500);
  }, 60_000);
});

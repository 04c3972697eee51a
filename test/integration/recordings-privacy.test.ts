import { createReadStream } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Family, Rater } from '../../shared/domain/entities';
import { getDefaultBinaries } from '../../electron/backend/media/ffmpeg-binaries';
import { spawnProcess } from '../../electron/backend/media/spawn-process';
import { makeClip, makeTaggedPhoneClip, PHONE_LOCATION, PHONE_TITLE } from '../fixtures/clips';
import { seedFamily, seedRecording } from './support/seed';
import { createRater, signInAs, startTestBackend, tempDir, withCoordinator, type TestBackend } from './support/temp-backend';

// What a rater receives about a recording: never the original file name, which a phone or the
// person who copied the file often made out of the family's name.

const PHONE_NAME = 'VID_20260301_Bakker_bad.mp4';

let t: TestBackend;
let coordinator: Rater;
let rater: Rater;
let family: Family;
let recordingId: number;

beforeEach(async () => {
  t = startTestBackend();
  coordinator = await withCoordinator(t.api, 'Anna de Vries');
  rater = await createRater(t.api, { name: 'Bram Jansen', initials: 'BJ', role: 'rater' });
  family = await seedFamily(t.api, 'OB-26-301');
  recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [family.caregivers[0]!.id] });
  t.backend.db.prepare('UPDATE recordings SET original_name = ? WHERE id = ?').run(PHONE_NAME, recordingId);
});
afterEach(() => t.close());

describe('the original file name', () => {
  it('reaches a coordinator and never a rater, in any call about recordings', async () => {
    expect((await t.api.call('recordings.get', { id: recordingId })).originalName).toBe(PHONE_NAME);
    expect((await t.api.call('recordings.list', { familyId: family.id }))[0]!.originalName).toBe(PHONE_NAME);

    await signInAs(t.api, rater.id);
    const seen = await t.api.call('recordings.get', { id: recordingId });
    expect(seen.originalName).toBeNull();
    expect((await t.api.call('recordings.list', { familyId: family.id }))[0]!.originalName).toBeNull();
    // Nowhere else in what a rater can ask about this recording or family either.
    const answers = await Promise.all([
      t.api.call('recordings.get', { id: recordingId }),
      t.api.call('recordings.list', { familyId: family.id }),
      t.api.call('families.get', { id: family.id }),
      t.api.call('families.list', {}),
      t.api.call('jobs.list', {}),
      t.api.call('jobs.list', { recordingId }),
      t.api.call('scoring.recordings', {}),
      t.api.call('scoring.sheet', { recordingId }),
      t.api.call('fragments.list', { recordingId }),
      t.api.call('videoExports.list', { recordingId }),
      t.api.call('fragments.export', { recordingId, format: 'eaf' }),
      t.api.call('fragments.export', { recordingId, format: 'csv' }),
    ]);
    expect(JSON.stringify(answers)).not.toMatch(/Bakker|VID_2026/);
  });

  it('is not sent back to the rater who imported the file either', async () => {
    await signInAs(t.api, rater.id);
    const clip = await makeClip({ durationS: 1, width: 160, height: 120 });
    const dir = tempDir();
    try {
      const named = join(dir.path, PHONE_NAME);
      await copyFile(clip, named);
      const upload = await t.backend.media.receiveUpload(createReadStream(named), encodeURIComponent(PHONE_NAME), t.caller);
      if (!upload.ok) throw new Error(upload.error.message);
      const imported = await t.api.call('recordings.importUpload', {
        uploadId: upload.value.uploadId,
        familyId: family.id,
        visitId: family.visits[0]!.id,
        caregiverIds: [family.caregivers[0]!.id],
        activity: 'bad',
        moment: 'voormeting',
        recordedOn: '2026-03-01',
      });
      expect(imported.originalName).toBeNull();
      await signInAs(t.api, coordinator.id);
      expect((await t.api.call('recordings.get', { id: imported.id })).originalName).toBe(PHONE_NAME);
      await t.backend.services.jobs.whenIdle();
    } finally {
      dir.remove();
    }
  });
});

describe('bidi controls in file names', () => {
  it('are removed at import', async () => {
    const clip = await makeClip({ durationS: 1, width: 160, height: 120 });
    // "VID_" + RIGHT-TO-LEFT OVERRIDE + "gnp.4pm" is drawn as "VID_mp4.png".
    const hostile = 'VID_\u202Egnp.4pm';
    const upload = await t.backend.media.receiveUpload(createReadStream(clip), encodeURIComponent(`a\u2066b\u2069${hostile}`), t.caller);
    if (!upload.ok) throw new Error(upload.error.message);
    const imported = await t.api.call('recordings.importUpload', {
      uploadId: upload.value.uploadId,
      familyId: family.id,
      visitId: family.visits[0]!.id,
      caregiverIds: [family.caregivers[0]!.id],
      activity: 'bad',
      moment: 'voormeting',
      recordedOn: '2026-03-01',
    });
    const stored = t.backend.db.prepare('SELECT original_name FROM recordings WHERE id = ?').get(imported.id) as { original_name: string };
    expect(stored.original_name).toBe('abVID_gnp.4pm');
    expect(imported.originalName).toBe('abVID_gnp.4pm');
    await t.backend.services.jobs.whenIdle();
  });

  it('are neutralised when a name stored before this rule is shown', async () => {
    t.backend.db.prepare('UPDATE recordings SET original_name = ? WHERE id = ?').run('VID_\u202Egnp.4pm\u200F', recordingId);
    expect((await t.api.call('recordings.get', { id: recordingId })).originalName).toBe('VID_gnp.4pm');
    expect((await t.api.call('recordings.list', { familyId: family.id }))[0]!.originalName).toBe('VID_gnp.4pm');
  });
});

describe("a phone's own tags in the file", () => {
  it('never reach a rater: a file that would play as is is re-wrapped without them, and the original is not served', async () => {
    const clip = await makeTaggedPhoneClip();
    const tagsOf = async (path: string) => {
      const { ffprobe } = await getDefaultBinaries();
      const outcome = await spawnProcess(ffprobe.path, ['-v', 'error', '-show_entries', 'format_tags:stream_tags', '-of', 'json', `file:${path}`], { timeoutMs: 30_000 });
      return outcome.stdout.toString('utf8');
    };
    // The clip really carries them (otherwise this test would prove nothing).
    expect(await tagsOf(clip)).toContain(PHONE_LOCATION);

    const upload = await t.backend.media.receiveUpload(createReadStream(clip), encodeURIComponent('VID_1.mp4'), t.caller);
    if (!upload.ok) throw new Error(upload.error.message);
    const imported = await t.api.call('recordings.importUpload', {
      uploadId: upload.value.uploadId,
      familyId: family.id,
      visitId: family.visits[0]!.id,
      caregiverIds: [family.caregivers[0]!.id],
      activity: 'bad',
      moment: 'voormeting',
      recordedOn: '2026-03-01',
    });
    expect(imported.playbackPlan).toBe('remux');
    expect(imported.planReason).toMatch(/plaats van opname of een titel, die zo worden weggelaten/);
    // Until the re-wrapped file exists nothing plays: the original is never what the player gets.
    expect(imported.playable).toBe(false);
    const stored = t.backend.db.prepare('SELECT probe_json FROM media_files').all() as { probe_json: string }[];
    expect(stored.map((row) => row.probe_json).join('')).not.toContain(PHONE_LOCATION);

    await t.backend.services.jobs.whenIdle();
    await signInAs(t.api, rater.id);
    const served = await t.backend.media.serveMedia(new Request(`http://x/media/${imported.id}`), t.caller);
    expect(served.status).toBe(200);
    const dir = tempDir();
    try {
      const copy = join(dir.path, 'served.mp4');
      await writeFile(copy, Buffer.from(await served.arrayBuffer()));
      const tags = await tagsOf(copy);
      expect(tags).toContain('major_brand');
      expect(tags).not.toContain(PHONE_LOCATION);
      expect(tags).not.toContain(PHONE_TITLE);
    } finally {
      dir.remove();
    }
  });
});

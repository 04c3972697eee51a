import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { Family } from '../../shared/domain/entities';
import { probeMedia } from '../../electron/backend/media/probe';
import { makeClip } from '../fixtures/clips';
import { seedFamily } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

let t: TestBackend;
let family: Family;
beforeEach(async () => {
  t = startTestBackend();
  await withCoordinator(t.api);
  family = await seedFamily(t.api, 'OB-26-101', [
    { role: 'moeder', label: 'moeder' },
    { role: 'vader', label: 'vader' },
  ]);
});
afterEach(() => t.close());

async function importFile(path: string, overrides: Record<string, unknown> = {}) {
  const upload = await t.backend.media.receiveUpload(createReadStream(path), encodeURIComponent(basename(path)), t.caller);
  if (!upload.ok) throw new ApiError(upload.error);
  return t.api.call('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: family.id,
    visitId: family.visits[0]!.id,
    caregiverIds: [family.caregivers[0]!.id],
    activity: 'bad',
    moment: 'voormeting',
    recordedOn: '2026-03-01',
    ...overrides,
  } as never);
}

const libraryFiles = () => {
  const root = join(t.dataDir, 'library');
  return ['originals', 'derived', '.tmp'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`));
};

describe('importing recordings', () => {
  it('imports a playable MP4 as is, stores it once under its hash, and makes sprite and peaks', async () => {
    // A keyframe every half second, as seek-friendly as our own versions: nothing else to make.
    const clip = await makeClip({ durationS: 4, width: 320, height: 240, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4', keyframeEvery: 12 });
    const recording = await importFile(clip);
    expect(recording).toMatchObject({ playbackPlan: 'as_is', playable: true, fpsNum: 25, fpsDen: 1, width: 320, height: 240 });
    expect(recording.durationMs).toBeGreaterThan(3900);
    expect(recording.planReason).toMatch(/direct worden afgespeeld/);

    await t.backend.services.jobs.whenIdle();
    const ready = await t.api.call('recordings.get', { id: recording.id });
    expect(ready.sprite?.count).toBeGreaterThan(0);
    expect(ready.hasPeaks).toBe(true);
    expect(ready.jobs.map((job) => [job.kind, job.status]).sort()).toEqual([
      ['peaks', 'done'],
      ['sprite', 'done'],
    ]);

    const again = await importFile(clip, { activity: 'spelen' });
    expect(again.id).not.toBe(recording.id);
    const originals = libraryFiles().filter((f) => f.startsWith('originals/'));
    expect(originals).toHaveLength(1);
    expect(originals[0]).toMatch(/^originals\/[0-9a-f]{64}\.mp4$/);
    expect(readFileSync(join(t.dataDir, 'library', originals[0]!))).toEqual(readFileSync(clip));
    expect(libraryFiles().filter((f) => f.startsWith('.tmp/'))).toEqual([]);
  });

  it('serves the media by recording id with byte ranges and logs the play', async () => {
    const clip = await makeClip({ durationS: 2, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const recording = await importFile(clip);
    const size = readFileSync(clip).length;
    const res = await t.backend.media.serveMedia(new Request(`http://x/media/${recording.id}`, { headers: { range: 'bytes=0-99' } }), t.caller);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
    const missing = await t.backend.media.serveMedia(new Request('http://x/media/999999'), t.caller);
    expect(missing.status).toBe(404);
    const traversal = await t.backend.media.serveMedia(new Request('http://x/media/..%2f..%2fafstemming.sqlite'), t.caller);
    expect(traversal.status).toBe(404);
    const log = await t.api.call('accessLog.forFamily', { familyId: family.id });
    expect(log.some((e) => e.action === 'recording.play' && e.detail === `opname ${recording.id}`)).toBe(true);
  });

  it('plays a clip with far-apart keyframes at once and switches to a seek-friendly version made in the background', async () => {
    const clip = await makeClip({ durationS: 4, width: 320, height: 240, fps: 30, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const recording = await importFile(clip);
    expect(recording).toMatchObject({ playbackPlan: 'as_is', playable: true, mediaVersion: 'original' });
    expect(recording.planReason).toMatch(/om de 4 seconden een sleutelbeeld.*op de achtergrond/);
    await t.backend.services.jobs.whenIdle();
    const ready = await t.api.call('recordings.get', { id: recording.id });
    expect(ready.jobs.map((job) => [job.kind, job.status]).sort()).toEqual([
      ['peaks', 'done'],
      ['playable_upgrade', 'done'],
      ['sprite', 'done'],
    ]);
    expect(ready.mediaVersion).not.toBe('original');
    const served = await t.backend.media.serveMedia(new Request(`http://x/media/${recording.id}`), t.caller);
    const proxy = join(t.dataDir, 'library', libraryFiles().find((f) => f.includes('playable'))!);
    expect(Number(served.headers.get('content-length'))).toBe(statSync(proxy).size);
    expect((await probeMedia(proxy)).video!.keyframeGapS).toBeLessThanOrEqual(0.25);
  });

  it('remuxes an AVCHD-like .MTS (interlaced H.264 + AC-3) to watch at once, then replaces it with a deinterlaced version', async () => {
    const clip = await makeClip({ durationS: 3, width: 640, height: 360, fps: 25, vcodec: 'h264', acodec: 'ac3', container: 'mts', interlaced: true });
    const recording = await importFile(clip);
    expect(recording.playable).toBe(false);
    expect(recording.playbackPlan).toBe('remux');
    expect(recording.planReason).toMatch(/meteen kunt kijken.*interlaced/);
    await t.backend.services.jobs.whenIdle();
    const ready = await t.api.call('recordings.get', { id: recording.id });
    expect(ready.playable).toBe(true);
    expect(ready.jobs.find((job) => job.kind === 'playable')?.status).toBe('done');
    expect(ready.jobs.find((job) => job.kind === 'playable_upgrade')?.status).toBe('done');
    expect(ready.mediaVersion).not.toBe('original');
    // Only the deinterlaced version is left; the quick remux it replaced is gone.
    expect(libraryFiles().filter((f) => f.includes('playable'))).toEqual([expect.stringMatching(/-playable-progressive\.mp4$/)]);
    const res = await t.backend.media.serveMedia(new Request(`http://x/media/${recording.id}`), t.caller);
    expect(res.headers.get('content-type')).toBe('video/mp4');
  });

  it('refuses metadata that does not fit and leaves nothing behind', async () => {
    const clip = await makeClip({ durationS: 2, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const other = await seedFamily(t.api, 'OB-26-102');
    await expect(importFile(clip, { caregiverIds: [other.caregivers[0]!.id] })).rejects.toThrow(/hoort niet bij dit gezin/);
    await expect(importFile(clip, { visitId: other.visits[0]!.id })).rejects.toThrow(/huisbezoek hoort bij een ander gezin.*niets gewijzigd/);
    expect(t.backend.db.prepare('SELECT count(*) AS n FROM recordings').get()).toEqual({ n: 0 });
    expect(libraryFiles()).toEqual([]);
  });

  it('removes a recording with its files, but keeps a file another recording still uses', async () => {
    const clip = await makeClip({ durationS: 2, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const first = await importFile(clip);
    const second = await importFile(clip);
    await t.backend.services.jobs.whenIdle();
    const before = libraryFiles();
    expect(before.length).toBeGreaterThan(1);
    await t.api.call('recordings.remove', { id: first.id });
    expect(libraryFiles()).toEqual(before);
    await t.api.call('recordings.remove', { id: second.id });
    expect(libraryFiles()).toEqual([]);
    const log = await t.api.call('accessLog.forFamily', { familyId: family.id });
    expect(log.filter((e) => e.action === 'recording.remove')).toHaveLength(2);
    expect(existsSync(join(t.dataDir, 'library', 'originals'))).toBe(true);
  });
});

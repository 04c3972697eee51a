import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, truncateSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { Rater } from '../../shared/domain/entities';
import type { Fragment } from '../../shared/domain/fragments';
import { exportPieces } from '../../electron/backend/features/video-exports/export-plan';
import { runExport } from '../../electron/backend/media/export-jobs';
import { getDefaultBinaries } from '../../electron/backend/media/ffmpeg-binaries';
import { probeMedia } from '../../electron/backend/media/probe';
import { spawnProcess } from '../../electron/backend/media/spawn-process';
import { createAppProtocolHandler } from '../../electron/shell/app-protocol';
import { startWebHost } from '../../electron/web/web-host';
import { CLIP_CACHE_DIR } from '../fixtures/clips';
import { openBrowserClient } from './support/browser-client';
import { refused } from './support/fragment-world';
import { seedFamily, seedRecording } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend, signInAs, createRater } from './support/temp-backend';

const FPS = 25;

/**
 * A 10 s clip whose every frame is a flat grey of brightness = its frame number (0…249), with a
 * tone: decoding one pixel per frame of an export tells exactly which source frame it shows.
 * Keyframes every 12 frames, so it plays as is (no seek-friendly version replaces it).
 */
async function makeRampClip(): Promise<string> {
  const path = join(CLIP_CACHE_DIR, 'ramp-160x120-25-10s-v2.mp4');
  if (existsSync(path)) return path;
  await mkdir(CLIP_CACHE_DIR, { recursive: true });
  const partial = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  const { ffmpeg } = await getDefaultBinaries();
  const outcome = await spawnProcess(
    ffmpeg.path,
    [
      '-nostdin', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `color=c=gray:s=160x120:r=${FPS}:d=10,format=yuv420p,geq=lum=N:cb=128:cr=128`,
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=10',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '8', '-pix_fmt', 'yuv420p', '-g', '12',
      '-c:a', 'aac', '-ac', '2', '-movflags', '+faststart', '-f', 'mp4', `file:${partial}`,
    ],
    { timeoutMs: 60_000 },
  );
  if (outcome.exitCode !== 0) throw new Error(`ramp clip failed: ${outcome.stderrTail}`);
  await rename(partial, path);
  return path;
}

/** The brightness of each decoded frame (a 1×1 area average), i.e. the source frame number it shows. */
async function frameValues(path: string): Promise<number[]> {
  const { ffmpeg } = await getDefaultBinaries();
  // 2×2 yuv420p (the luma plane as stored, no range conversion): 4 Y bytes, then 1 U and 1 V.
  const outcome = await spawnProcess(ffmpeg.path, ['-nostdin', '-loglevel', 'error', '-i', `file:${path}`, '-vf', 'scale=2:2:flags=area', '-pix_fmt', 'yuv420p', '-f', 'rawvideo', 'pipe:1'], {
    timeoutMs: 60_000,
  });
  if (outcome.exitCode !== 0) throw new Error(outcome.stderrTail);
  const values: number[] = [];
  for (let offset = 0; offset + 6 <= outcome.stdout.length; offset += 6) {
    values.push(Math.round((outcome.stdout[offset]! + outcome.stdout[offset + 1]! + outcome.stdout[offset + 2]! + outcome.stdout[offset + 3]!) / 4));
  }
  return values;
}

let clip: string;
let t: TestBackend;
let coordinator: Rater;
let rater: Rater;
let familyId: number;
let recordingId: number;
let tagId: number;

beforeAll(async () => {
  clip = await makeRampClip();
}, 60_000);

beforeEach(async () => {
  t = startTestBackend();
  coordinator = await withCoordinator(t.api, 'Anna Bakker');
  rater = await createRater(t.api, { name: 'Chris de Vries', initials: 'CV', role: 'rater' });
  const family = await seedFamily(t.api, 'OB-26-001');
  familyId = family.id;
  const upload = await t.backend.media.receiveUpload(createReadStream(clip), encodeURIComponent('moeder en baby.mp4'), t.caller);
  if (!upload.ok) throw new ApiError(upload.error);
  const recording = await t.api.call('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: family.id,
    visitId: family.visits[0]!.id,
    caregiverIds: [family.caregivers[0]!.id],
    activity: 'spelen',
    moment: 'voormeting',
    recordedOn: '2026-03-01',
  });
  recordingId = recording.id;
  // A tag name with every character the filtergraph treats specially.
  tagId = (await t.api.call('tags.create', { name: `Spel: 'fijn' 50% [a,b]; \\`, color: '#009e73' })).id;
  await t.backend.services.jobs.whenIdle();
});
afterEach(() => t.close());

const as = (who: Rater) => signInAs(t.api, who.id);
const mark = (startMs: number, endMs: number, forFeedback = true): Promise<Fragment> =>
  t.api.call('fragments.create', { recordingId, startMs, endMs, tagIds: [tagId], forFeedback });
const derived = () => readdirSync(join(t.dataDir, 'library', 'derived')).filter((name) => name.startsWith('export-'));
const leftovers = () => readdirSync(join(t.dataDir, 'library', '.tmp'));
const jobCount = () => (t.backend.db.prepare(`SELECT count(*) AS n FROM media_jobs WHERE kind IN ('fragment_clip', 'reel')`).get() as { n: number }).n;
const accessRows = (action: string) =>
  t.backend.db.prepare('SELECT rater_id, family_id, outcome, detail FROM access_log WHERE action = ? ORDER BY id').all(action) as {
    rater_id: number | null;
    family_id: number | null;
    outcome: string;
    detail: string;
  }[];
const download = (jobId: number | string, init: RequestInit = {}) => t.backend.media.serveDownload(new Request(`http://x/downloads/${jobId}`, init), t.caller);

/** The source frame each output frame shows; allows ±1 for the lossy encode of a flat grey. */
function expectFrames(values: number[], from: number, startFrame: number, count: number): void {
  for (let i = 0; i < count; i += 1) expect(Math.abs(values[from + i]! - (startFrame + i)), `frame ${from + i}`).toBeLessThanOrEqual(1);
}

describe('fragment clips', () => {
  it('makes one exact MP4 per fragment, a moment as 3 s around it, downloadable with a family-code name', async () => {
    const span = await mark(2000, 4000);
    const moment = await mark(6000, 6000);
    const exports = await t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [moment.id, span.id] });
    // In time order, one job each, nothing downloadable yet.
    expect(exports.map((e) => [e.kind, e.fragmentIds, e.downloadUrl])).toEqual([
      ['fragment_clip', [span.id], null],
      ['fragment_clip', [moment.id], null],
    ]);
    expect(exports[0]!.fileName).toBe(`OB-26-001_2026-03-01_fragment-${span.id}_00-00-02.mp4`);
    expect(exports[1]!.fileName).toBe(`OB-26-001_2026-03-01_fragment-${moment.id}_00-00-06.mp4`);
    await t.backend.services.jobs.whenIdle();

    const done = await t.api.call('videoExports.list', { recordingId });
    expect(done.map((e) => e.job.status)).toEqual(['done', 'done']);
    const [spanExport, momentExport] = [done.find((e) => e.fragmentIds[0] === span.id)!, done.find((e) => e.fragmentIds[0] === moment.id)!];
    expect(spanExport.downloadUrl).toBe(`/downloads/${spanExport.job.id}`);
    expect(spanExport.job.familyCode).toBe('OB-26-001');
    expect(derived().sort()).toEqual([`export-${spanExport.job.id}.mp4`, `export-${momentExport.job.id}.mp4`].sort());

    const spanFile = join(t.dataDir, 'library', 'derived', `export-${spanExport.job.id}.mp4`);
    const probe = await probeMedia(spanFile);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 160, height: 120, frameRate: { rational: { num: 25, den: 1 } } });
    expect(probe.audio?.codec).toBe('aac');
    expect(Math.abs(probe.durationMs! - 2000)).toBeLessThanOrEqual(2 * (1000 / FPS) + 25);
    const spanFrames = await frameValues(spanFile);
    expect(spanFrames).toHaveLength(50);
    expectFrames(spanFrames, 0, 50, 50);

    const momentFrames = await frameValues(join(t.dataDir, 'library', 'derived', `export-${momentExport.job.id}.mp4`));
    expect(momentFrames).toHaveLength(75);
    // 4500 ms falls inside frame 112 (4480–4520 ms): the clip starts with the frame showing then.
    expectFrames(momentFrames, 0, 112, 75);
    expect(leftovers()).toEqual([]);
  }, 60_000);
});

describe('the feedback reel', () => {
  it('joins the flagged fragments in time order, each after a 2 s title card', async () => {
    const late = await mark(7000, 8000);
    const early = await mark(1000, 2000);
    const moment = await mark(5000, 5000);
    await mark(3000, 3500, false);
    const reel = await t.api.call('videoExports.feedbackReel', { recordingId });
    expect(reel).toMatchObject({ kind: 'reel', fileName: 'OB-26-001_2026-03-01_feedbackfilm.mp4', fragmentIds: [early.id, moment.id, late.id], downloadUrl: null });
    await t.backend.services.jobs.whenIdle();
    const [done] = await t.api.call('videoExports.list', { recordingId });
    expect(done?.job.status).toBe('done');

    const file = join(t.dataDir, 'library', 'derived', `export-${reel.job.id}.mp4`);
    // Σ fragments (1 s + 3 s + 1 s) + 3 cards × 2 s = 11 s.
    const probe = await probeMedia(file);
    expect(Math.abs(probe.durationMs! - 11_000)).toBeLessThanOrEqual(2 * (1000 / FPS) + 25);
    expect(Math.abs(probe.audio ? probe.durationMs! - 11_000 : Infinity)).toBeLessThan(100);
    const values = await frameValues(file);
    expect(values).toHaveLength(11 * FPS);
    // card, early (frames 25…49), card, moment (3.5 s…6.5 s = frames 87…161), card, late (175…199)
    expectFrames(values, 50, 25, 25);
    expectFrames(values, 125, 87, 75);
    expectFrames(values, 250, 175, 25);
    // The cards are plain (their brightness is the background's, not a source frame's neighbour).
    const card = values.slice(0, 50);
    expect(Math.max(...card) - Math.min(...card)).toBeLessThanOrEqual(2);
  }, 60_000);

  it('says so when nothing is flagged, and queues nothing', async () => {
    await mark(1000, 2000, false);
    const refusal = await refused(t.api.call('videoExports.feedbackReel', { recordingId }));
    expect(refusal.message).toBe('Er zijn geen fragmenten gemarkeerd voor videofeedback.');
    expect(jobCount()).toBe(0);
  });
});

describe('long exports in parts', () => {
  it('joins parts into the same exact reel and leaves no parts behind', async () => {
    const probe = await probeMedia(clip);
    const pieces = exportPieces(
      [
        { fragmentId: 1, fromMs: 1000, toMs: 2000, title: ['Spel', '00:00:01'] },
        { fragmentId: 2, fromMs: 4000, toMs: 4400, title: ['Troost', '00:00:04'] },
        { fragmentId: 3, fromMs: 8000, toMs: 9000, title: ['Spel', '00:00:08'] },
      ],
      { num: FPS, den: 1 },
      probe.durationMs,
      true,
    );
    const tempDir = join(t.dataDir, 'library', '.tmp');
    const output = join(t.dataDir, 'parts-reel.mp4');
    const progress: number[] = [];
    const jobs = await runExport(probe, pieces, output, { fontFile: null, label: 'de feedbackfilm', tempDir, maxSourcesPerRun: 1, onProgress: (f) => progress.push(f) });
    expect(jobs).toHaveLength(4);
    const values = await frameValues(output);
    // 3 cards of 50 frames, fragments of 25, 10 and 25 frames.
    expect(values).toHaveLength(210);
    expectFrames(values, 50, 25, 25);
    expectFrames(values, 125, 100, 10);
    expectFrames(values, 185, 200, 25);
    const made = await probeMedia(output);
    expect(Math.abs(made.durationMs! - 8400)).toBeLessThanOrEqual(80);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 60_000);
});

describe('bad input', () => {
  it('refuses unknown recordings, other recordings’ fragments and duplicates with a Dutch message, queuing nothing', async () => {
    const own = await mark(1000, 2000);
    expect(await refused(t.api.call('videoExports.feedbackReel', { recordingId: 999_999 }))).toMatchObject({ code: 'not_found', message: 'Deze opname bestaat niet (meer).' });
    expect(await refused(t.api.call('videoExports.list', { recordingId: 999_999 }))).toMatchObject({ code: 'not_found' });

    const family = await t.api.call('families.get', { id: familyId });
    const otherId = seedRecording(t.backend, { familyId, caregiverIds: [family.caregivers[0]!.id], durationMs: 60_000 });
    const foreign = await t.api.call('fragments.create', { recordingId: otherId, startMs: 1000, endMs: 2000, tagIds: [tagId], forFeedback: true });
    const mixed = await refused(t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [own.id, foreign.id] }));
    expect(mixed).toMatchObject({ code: 'not_found', message: `Fragment ${foreign.id} bestaat niet (meer) in deze opname. Er is niets gemaakt.` });
    expect(await refused(t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [own.id, own.id] }))).toMatchObject({ code: 'invalid_input' });
    expect(await refused(t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [] }))).toMatchObject({ code: 'invalid_input' });
    // A recording without a playable file (here: none at all) cannot be cut.
    expect((await refused(t.api.call('videoExports.feedbackReel', { recordingId: otherId }))).message).toMatch(/geen afspeelbare versie/);
    expect(jobCount()).toBe(0);
    await t.api.call('session.signOut', {});
    expect(await refused(t.api.call('videoExports.list', { recordingId }))).toMatchObject({ code: 'no_rater' });
  });

  it('leaves no file when the job fails, and none when it is cancelled', async () => {
    await mark(0, 9000);
    const cancelled = await t.api.call('videoExports.feedbackReel', { recordingId });
    for (let i = 0; i < 500 && !t.backend.services.jobs.isRunning(cancelled.job.id); i += 1) await new Promise((r) => setTimeout(r, 5));
    await t.api.call('jobs.cancel', { id: cancelled.job.id });
    await t.backend.services.jobs.whenIdle();
    const status = (await t.api.call('videoExports.list', { recordingId })).find((e) => e.job.id === cancelled.job.id)?.job.status;
    expect(status).toBe('cancelled');
    expect(derived()).toEqual([]);
    expect(leftovers()).toEqual([]);
    expect((await download(cancelled.job.id)).status).toBe(404);

    // Damage the library copy: the job fails, says why in Dutch, and leaves nothing behind.
    const [original] = readdirSync(join(t.dataDir, 'library', 'originals'));
    truncateSync(join(t.dataDir, 'library', 'originals', original!), 20_000);
    const broken = await t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [(await mark(5000, 8000)).id] });
    await t.backend.services.jobs.whenIdle();
    const brokenExport = (await t.api.call('videoExports.list', { recordingId })).find((e) => e.job.id === broken[0]!.job.id)!;
    expect(brokenExport.job.status).toBe('failed');
    expect(brokenExport.job.error).toMatch(/beschadigd/);
    expect(brokenExport.downloadUrl).toBeNull();
    expect(derived()).toEqual([]);
    expect(leftovers()).toEqual([]);
  }, 60_000);
});

describe('downloads', () => {
  it('serves a finished export as an attachment to an active rater only, and logs it', async () => {
    const fragment = await mark(1000, 2000);
    const [queued] = await t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [fragment.id] });
    const jobId = queued!.job.id;
    // Not finished yet: nothing to download.
    expect((await download(jobId)).status).toBe(404);
    await t.backend.services.jobs.whenIdle();

    const res = await download(jobId);
    expect(res.status).toBe(200);
    const name = `OB-26-001_2026-03-01_fragment-${fragment.id}_00-00-01.mp4`;
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(accessRows('export.download')).toEqual([
      { rater_id: coordinator.id, family_id: familyId, outcome: 'ok', detail: `opname ${recordingId}: fragment als video ${name}` },
    ]);
    expect(accessRows('export.video')).toEqual([
      { rater_id: coordinator.id, family_id: familyId, outcome: 'ok', detail: `opname ${recordingId}: fragment ${fragment.id} als video` },
    ]);
    // A later range of the same download is not logged again.
    expect((await download(jobId, { headers: { range: 'bytes=100-' } })).status).toBe(206);
    expect(accessRows('export.download')).toHaveLength(1);

    for (const bad of ['999999', '0', '-1', '1.0', 'abc', `${jobId}/x`, '..%2f..%2fafstemming.sqlite']) expect((await download(bad)).status, bad).toBe(404);
    // Other job kinds are not downloads.
    const sprite = t.backend.db.prepare(`SELECT id FROM media_jobs WHERE kind = 'sprite'`).get() as { id: number };
    expect((await download(sprite.id)).status).toBe(404);

    await t.api.call('session.signOut', {});
    const anonymous = await download(jobId);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toBe('Kies eerst wie u bent.');
    expect(accessRows('export.download').at(-1)).toMatchObject({ rater_id: null, outcome: 'refused' });
  }, 60_000);

  it('goes through both transports: the browser-mode host and app://', async () => {
    const fragment = await mark(1000, 1400);
    const [queued] = await t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [fragment.id] });
    await t.backend.services.jobs.whenIdle();
    const host = await startWebHost({ backend: t.backend, staticDir: t.dataDir });
    try {
      const tab = await openBrowserClient(host);
      await tab.signIn((await t.api.call('session.get', {})).rater!.id);
      const res = await tab.fetch(`/downloads/${queued!.job.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="OB-26-001_2026-03-01_fragment-/);
      expect(res.headers.get('content-security-policy')).toBeTruthy();
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await tab.fetch('/downloads/abc')).status).toBe(404);
    } finally {
      await host.close();
    }
    const handle = createAppProtocolHandler(t.dataDir, t.backend.media, () => t.caller);
    const res = await handle(new Request(`app://afstemming/downloads/${queued!.job.id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="OB-26-001_2026-03-01_fragment-/);
    await res.arrayBuffer();
  }, 60_000);
});

describe('blindness', () => {
  it('exports only what the rater may see while the round is unrevealed', async () => {
    const mine = await mark(1000, 2000);
    await as(rater);
    const theirs = await mark(3000, 4000);
    await as(coordinator);
    const roundId = Number(
      t.backend.db
        .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, created_at) VALUES ('Intervisie maart', '2026-03-10', 'meeting', 'coordinator', ?)`)
        .run(new Date().toISOString()).lastInsertRowid,
    );
    t.backend.db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, 0)').run(roundId, recordingId);
    for (const r of [coordinator, rater]) t.backend.db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(roundId, r.id);

    // Another rater's fragment does not exist for the coordinator, by id or in the reel.
    expect(await refused(t.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [theirs.id] }))).toMatchObject({ code: 'not_found' });
    expect(jobCount()).toBe(0);
    const reel = await t.api.call('videoExports.feedbackReel', { recordingId });
    expect(reel.fragmentIds).toEqual([mine.id]);
    await t.backend.services.jobs.whenIdle();

    // The other rater neither sees nor downloads it while the round is blind.
    await as(rater);
    expect(await t.api.call('videoExports.list', { recordingId })).toEqual([]);
    expect((await download(reel.job.id)).status).toBe(404);
    expect(accessRows('export.download').at(-1)).toMatchObject({ rater_id: rater.id, outcome: 'refused' });
    const ownReel = await t.api.call('videoExports.feedbackReel', { recordingId });
    expect(ownReel.fragmentIds).toEqual([theirs.id]);

    // After the reveal the team shares them.
    t.backend.db.prepare('UPDATE rounds SET revealed_at = ? WHERE id = ?').run(new Date().toISOString(), roundId);
    expect((await t.api.call('videoExports.list', { recordingId })).map((e) => e.job.id).sort()).toEqual([reel.job.id, ownReel.job.id].sort());
    expect((await download(reel.job.id)).status).toBe(200);
    await t.backend.services.jobs.whenIdle();
  }, 60_000);
});

describe('blindness of the export jobs themselves', () => {
  /** A browser tab's event stream, collected as text until the test ends. */
  async function listen(tab: Awaited<ReturnType<typeof openBrowserClient>>) {
    const controller = new AbortController();
    const res = await tab.fetch('/api/events', { signal: controller.signal });
    const reader = res.body!.getReader();
    const stream = { text: '', stop: () => controller.abort() };
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        stream.text += Buffer.from(value!).toString('utf8');
      }
    })();
    return stream;
  }
  const until = async (check: () => boolean) => {
    for (const end = Date.now() + 20_000; !check(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('timed out');
  };

  it('another rater cannot tell that a fragment clip is being made in a blind round: not in jobs.list, events, cancel or retry', async () => {
    const fragment = await mark(1000, 1400);
    const roundId = Number(
      t.backend.db
        .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, created_at) VALUES ('Intervisie maart', '2026-03-10', 'meeting', 'coordinator', ?)`)
        .run(new Date().toISOString()).lastInsertRowid,
    );
    t.backend.db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, 0)').run(roundId, recordingId);
    for (const r of [coordinator, rater]) t.backend.db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(roundId, r.id);

    const host = await startWebHost({ backend: t.backend, staticDir: t.dataDir });
    const streams: { text: string; stop(): void }[] = [];
    try {
      const anna = await openBrowserClient(host);
      const chris = await openBrowserClient(host);
      await anna.signIn(coordinator.id);
      await chris.signIn(rater.id);
      const annaHears = await listen(anna);
      const chrisHears = await listen(chris);
      streams.push(annaHears, chrisHears);
      await until(() => annaHears.text.includes(': verbonden') && chrisHears.text.includes(': verbonden'));

      const [clipExport] = await anna.api.call('videoExports.fragmentClips', { recordingId, fragmentIds: [fragment.id] });
      const jobId = clipExport!.job.id;
      // While it is queued or running, and once it is done: only its maker knows.
      expect((await anna.api.call('jobs.list', {})).map((job) => job.id)).toContain(jobId);
      expect((await chris.api.call('jobs.list', {})).map((job) => job.id)).not.toContain(jobId);
      expect((await chris.api.call('jobs.list', { includeFinished: true })).filter((job) => job.kind === 'fragment_clip')).toEqual([]);
      const cancel = await chris.api.call('jobs.cancel', { id: jobId }).catch((error: ApiError) => error.body);
      expect(cancel).toEqual({ code: 'not_found', message: 'Deze taak bestaat niet (meer).', messageEn: 'This task does not exist (any more).' });
      await t.backend.services.jobs.whenIdle();
      const retry = await chris.api.call('jobs.retry', { id: jobId }).catch((error: ApiError) => error.body);
      expect(retry).toEqual({ code: 'not_found', message: 'Deze taak bestaat niet (meer).', messageEn: 'This task does not exist (any more).' });

      // A marker for everyone after the job's last event: what came before it has arrived.
      t.backend.events.publish('data.changed', { area: 'session', id: 424242 });
      await until(() => annaHears.text.includes('424242') && chrisHears.text.includes('424242'));
      expect(annaHears.text).toMatch(new RegExp(`event: jobs.changed\ndata: \\{"id":${jobId},"kind":"fragment_clip","status":"done"`));
      // Its end is area 'jobs' (lists of jobs and exports), not 'recordings': an open recording page
      // does not reread the recording for it. Only its maker hears that too.
      expect(annaHears.text).toContain(`event: data.changed\ndata: {"area":"jobs","id":${jobId}}`);
      expect(chrisHears.text).not.toContain('"area":"jobs"');
      expect(chrisHears.text).not.toContain('fragment_clip');
      expect(chrisHears.text).not.toContain(`"id":${jobId},`);
      // No event names the family.
      expect(annaHears.text + chrisHears.text).not.toContain('OB-26-001');
    } finally {
      for (const stream of streams) stream.stop();
      await host.close();
    }
  }, 60_000);
});

describe('start-up clean-up', () => {
  it('removes finished export files together with their recording', async () => {
    await mark(1000, 1200);
    const reel = await t.api.call('videoExports.feedbackReel', { recordingId });
    await t.backend.services.jobs.whenIdle();
    expect(derived()).toEqual([`export-${reel.job.id}.mp4`]);
    await t.api.call('recordings.remove', { id: recordingId });
    expect(derived()).toEqual([]);
  });

  it('removes export files whose job is gone', async () => {
    await mark(1000, 1200);
    const reel = await t.api.call('videoExports.feedbackReel', { recordingId });
    await t.backend.services.jobs.whenIdle();
    expect(derived()).toEqual([`export-${reel.job.id}.mp4`]);
    t.backend.db.prepare('DELETE FROM media_jobs WHERE id = ?').run(reel.job.id);
    const dataDir = t.dataDir;
    t.backend.close();
    t = startTestBackend(dataDir);
    expect(derived()).toEqual([]);
  });
});

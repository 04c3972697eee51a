/**
 * Every file in the bad-input corpus either becomes playable or is refused with a Dutch reason —
 * quickly, without hanging on a FIFO or a playlist, and without the hostile name doing anything.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpriteJob, runFfmpeg } from '../../electron/backend/media/ffmpeg-jobs';
import { hashAndCopy } from '../../electron/backend/media/hash-and-copy';
import { MediaError } from '../../electron/backend/media/media-error';
import { planPlayback, type PlaybackPlan } from '../../electron/backend/media/playback-plan';
import { probeMedia } from '../../electron/backend/media/probe';
import { sniffMediaFile } from '../../electron/backend/media/sniff';
import { HOSTILE_MARKER, HOSTILE_NAME, makeBadInputCorpus, type CorpusEntry } from '../fixtures/clips';

const root = mkdtempSync(join(tmpdir(), 'afstemming-corpus-'));
const corpusDir = join(root, 'corpus');
let corpus: CorpusEntry[] = [];

beforeAll(async () => {
  corpus = await makeBadInputCorpus(corpusDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HANG_LIMIT_MS = 15_000;

async function inspect(path: string): Promise<PlaybackPlan> {
  await sniffMediaFile(path);
  const probe = await probeMedia(path, { timeoutMs: 10_000 });
  return planPlayback(probe);
}

function withinLimit<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for more than ${HANG_LIMIT_MS} ms`)), HANG_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Dutch user text: no English error words from ffmpeg or Node, no paths. */
function expectDutchReason(error: MediaError) {
  expect(error.message).toMatch(/\b(het|de|een|geen|niet|is|dit|bestand)\b/i);
  expect(error.message).not.toMatch(/Invalid|moov atom|ENOENT|EACCES|Error:|ffprobe exited|\/tmp\//);
}

describe('bad input corpus', () => {
  it('has every kind of troublesome file', () => {
    expect(corpus.map((entry) => entry.label)).toEqual(
      expect.arrayContaining(['0-byte file', 'random bytes', 'truncated MP4 (index first)', 'PNG renamed .mp4', 'audio-only .m4a renamed .mp4', 'HLS playlist renamed .mp4', 'hostile file name']),
    );
  });

  it.each([
    '0-byte file',
    'random bytes',
    'truncated MP4 (index first)',
    'truncated MP4 (index lost)',
    'MP4 with the index at the end',
    'PNG renamed .mp4',
    'video without audio',
    'hostile file name',
    'audio-only .m4a renamed .mp4',
    'HLS playlist renamed .mp4',
    'ffconcat list renamed .mp4',
    'plain text renamed .mp4',
    ...(process.platform === 'win32' ? [] : ['FIFO named .mp4']),
  ])('%s: playable or refused in Dutch, without hanging', async (label) => {
    const entry = corpus.find((candidate) => candidate.label === label);
    expect(entry, label).toBeDefined();
    const outcome = await withinLimit(inspect(entry!.path).then((plan) => ({ plan }), (error: unknown) => ({ error })));
    if (entry!.expect === 'playable') {
      if ('error' in outcome) throw outcome.error;
      expect(outcome.plan.mode).toMatch(/^(as_is|remux|proxy)$/);
    } else {
      expect('error' in outcome, `${label} should be refused`).toBe(true);
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(MediaError);
      expectDutchReason(error as MediaError);
    }
  });

  it('gives the reasons users need to act on', async () => {
    const reason = async (label: string) => {
      const entry = corpus.find((candidate) => candidate.label === label)!;
      return inspect(entry.path).then(() => '', (error: MediaError) => error.message);
    };
    expect(await reason('0-byte file')).toMatch(/leeg/);
    expect(await reason('PNG renamed .mp4')).toMatch(/afbeelding \(PNG\)/);
    expect(await reason('audio-only .m4a renamed .mp4')).toMatch(/alleen geluid/);
    expect(await reason('HLS playlist renamed .mp4')).toMatch(/afspeellijst/);
    expect(await reason('truncated MP4 (index first)')).toMatch(/onvolledig/);
    expect(await reason('truncated MP4 (index lost)')).toMatch(/onvolledig|index/);
    expect(await reason('random bytes')).toMatch(/niet herkend als video/);
  });

  it('refuses playlists and concat lists in ffprobe too, should the sniff ever be skipped', async () => {
    for (const label of ['HLS playlist renamed .mp4', 'ffconcat list renamed .mp4']) {
      const entry = corpus.find((candidate) => candidate.label === label)!;
      const error = await withinLimit(probeMedia(entry.path).then(() => null, (e: unknown) => e as MediaError));
      expect(error?.kind, label).toBe('not_video');
    }
  });

  it('plans the index-at-the-end MP4 as a lossless re-wrap and the silent clip as is', async () => {
    const byLabel = (label: string) => corpus.find((candidate) => candidate.label === label)!.path;
    expect((await inspect(byLabel('MP4 with the index at the end'))).mode).toBe('remux');
    expect(await inspect(byLabel('video without audio'))).toMatchObject({ mode: 'as_is', peaks: false });
  });

  it('handles the hostile file name through import, probe and an ffmpeg job without side effects', async () => {
    const entry = corpus.find((candidate) => candidate.label === 'hostile file name')!;
    expect(entry.path.endsWith(HOSTILE_NAME)).toBe(true);
    const library = join(root, 'library');
    const copied = await hashAndCopy(entry.path, library);
    expect(copied.name).toMatch(/^[0-9a-f]{64}\.mp4$/);
    // Probe and ffmpeg also get the original name, as an import from a folder would.
    const probe = await probeMedia(entry.path);
    const { job } = buildSpriteJob(probe, (n) => join(root, `sprite ${n} $(touch ${HOSTILE_MARKER}).jpg`));
    const result = await runFfmpeg(job);
    expect(existsSync(result.outputs[0]!)).toBe(true);
    for (const where of [process.cwd(), corpusDir, root, library]) {
      expect(readdirSync(where)).not.toContain(HOSTILE_MARKER);
    }
  });
});

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBinaryVersion, resolveBinary, resolveFfmpegBinaries } from './ffmpeg-binaries';
import { MediaError } from './media-error';

const root = mkdtempSync(join(tmpdir(), 'afstemming-bin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeExecutable(dir: string, name: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\necho "fake version 1"\n');
  chmodSync(path, mode);
  return path;
}

const settingDir = join(root, 'setting');
const envDir = join(root, 'env');
const bundledDir = join(root, 'bundled');
const pathDirA = join(root, 'path-a');
const pathDirB = join(root, 'path-b');
for (const dir of [settingDir, envDir, bundledDir, pathDirB]) {
  fakeExecutable(dir, 'ffmpeg');
  fakeExecutable(dir, 'ffprobe');
}
// Not executable: PATH lookup must skip it and find the one in path-b.
fakeExecutable(pathDirA, 'ffmpeg', 0o644);
mkdirSync(join(pathDirA, 'ffprobe'), { recursive: true });

const noBundle = async () => null;
const bundle = async (name: 'ffmpeg' | 'ffprobe') => join(bundledDir, name);
const env = { PATH: `${pathDirA}:${pathDirB}` };

describe('resolveBinary order', () => {
  it('prefers the explicit setting', async () => {
    const found = await resolveBinary('ffmpeg', {
      ffmpegPath: join(settingDir, 'ffmpeg'),
      env: { ...env, AFSTEMMING_FFMPEG: join(envDir, 'ffmpeg') },
      bundled: bundle,
    });
    expect(found).toEqual({ path: join(settingDir, 'ffmpeg'), source: 'setting' });
  });

  it('then the environment variable', async () => {
    const found = await resolveBinary('ffprobe', { env: { ...env, AFSTEMMING_FFPROBE: join(envDir, 'ffprobe') }, bundled: bundle });
    expect(found).toEqual({ path: join(envDir, 'ffprobe'), source: 'env' });
  });

  it('then the bundled binary when it exists and is executable', async () => {
    expect(await resolveBinary('ffmpeg', { env, bundled: bundle })).toEqual({ path: join(bundledDir, 'ffmpeg'), source: 'bundled' });
  });

  it('skips a bundled path that does not exist (ffmpeg-static without its download)', async () => {
    const missing = async () => join(root, 'nowhere', 'ffmpeg');
    expect(await resolveBinary('ffmpeg', { env, bundled: missing })).toEqual({ path: join(pathDirB, 'ffmpeg'), source: 'path' });
  });

  it('skips a bundled package that throws on import', async () => {
    const broken = async () => {
      throw new Error('Cannot find module');
    };
    expect((await resolveBinary('ffprobe', { env, bundled: broken })).source).toBe('path');
  });

  it('walks PATH, skipping non-executable files, directories, and relative or empty entries', async () => {
    fakeExecutable(join(root, 'cwd-trap'), 'ffmpeg');
    const found = await resolveBinary('ffmpeg', { env: { PATH: `::relative/dir:${pathDirA}:${pathDirB}` }, bundled: noBundle });
    expect(found).toEqual({ path: join(pathDirB, 'ffmpeg'), source: 'path' });
    expect((await resolveBinary('ffprobe', { env, bundled: noBundle })).path).toBe(join(pathDirB, 'ffprobe'));
  });

  it('refuses a configured path that is not executable instead of silently falling back', async () => {
    const error = await resolveBinary('ffmpeg', { ffmpegPath: join(pathDirA, 'ffmpeg'), env, bundled: bundle }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).message).toContain('instellingen');
    const relative = await resolveBinary('ffmpeg', { env: { ...env, AFSTEMMING_FFMPEG: 'ffmpeg' }, bundled: bundle }).catch((e: unknown) => e);
    expect((relative as MediaError).message).toContain('AFSTEMMING_FFMPEG');
  });

  it('throws a Dutch, typed error when nothing is found', async () => {
    const error = await resolveFfmpegBinaries({ env: { PATH: pathDirA }, bundled: noBundle }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).kind).toBe('ffmpeg_missing');
    expect((error as MediaError).code).toBe('unavailable');
    expect((error as MediaError).message).toMatch(/^ffmpeg is niet gevonden\. Installeer ffmpeg \(bijv\. `apt-get install ffmpeg`\)/);
  });

  it('finds the real binaries of this machine with default options', async () => {
    const found = await resolveFfmpegBinaries();
    expect(found.ffmpeg.path).toMatch(/ffmpeg(\.exe)?$/);
    expect(await readBinaryVersion(found.ffmpeg.path)).toMatch(/^ffmpeg version /);
  });
});

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaError } from './media-error';
import { inputUrl, interpretProbe, isFaststart, isVariableFrameRate, longestKeyframeGap, parseRational, probeMedia, readTopLevelBoxes } from './probe';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = { path: '/library/x.mp4', sizeBytes: 1234, boxes: { order: ['ftyp', 'moov', 'mdat'], truncated: false } };

function ffprobeJson(video: Record<string, unknown> | null, audio: Record<string, unknown> | null = { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000', channel_layout: 'stereo' }, packets: unknown[] = []) {
  return {
    streams: [video && { index: 0, codec_type: 'video', ...video }, audio].filter(Boolean),
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.345000', tags: { major_brand: 'isom' } },
    packets,
  };
}

const h264 = { codec_name: 'h264', profile: 'High', width: 1920, height: 1080, r_frame_rate: '25/1', avg_frame_rate: '25/1', field_order: 'progressive', pix_fmt: 'yuv420p', bits_per_raw_sample: '8', sample_aspect_ratio: '1:1' };

describe('interpretProbe', () => {
  it('reads container, duration, video and audio', () => {
    const probe = interpretProbe(ffprobeJson(h264), context);
    expect(probe).toMatchObject({
      path: '/library/x.mp4',
      sizeBytes: 1234,
      durationMs: 12345,
      container: { family: 'mp4', majorBrand: 'isom', moovBeforeMdat: true, truncated: false },
      video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, frameRate: { rational: { num: 25, den: 1 }, fps: 25 }, variableFrameRate: false, interlaced: false, pixelFormat: 'yuv420p', bitDepth: 8, sampleAspectRatio: null },
      audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
    });
  });

  it('names the metadata tags that are more than technical, never their values', () => {
    const json = ffprobeJson({ ...h264, tags: { language: 'und', handler_name: 'VideoHandler', 'com.apple.quicktime.make': 'Apple' } });
    Object.assign(json.format.tags, { minor_version: '0', encoder: 'Lavf', 'com.android.version': '13', location: '+52.3676+004.9041/', 'location-eng': '+52.3676+004.9041/', title: 'Gezin Bakker' });
    const probe = interpretProbe(json, context);
    expect(probe.container.personalTags).toEqual(['com.apple.quicktime.make', 'location', 'location-eng', 'title']);
    expect(JSON.stringify(probe)).not.toMatch(/Bakker|52\.3676/);
    expect(interpretProbe(ffprobeJson(h264), context).container.personalTags).toEqual([]);
  });

  it('tells MOV from MP4 by the major brand and sees the index after the data', () => {
    const json = ffprobeJson(h264);
    json.format.tags.major_brand = 'qt  ';
    const probe = interpretProbe(json, { ...context, boxes: { order: ['ftyp', 'wide', 'mdat', 'moov'], truncated: false } });
    expect(probe.container.family).toBe('mov');
    expect(probe.container.moovBeforeMdat).toBe(false);
  });

  it('reads rotation from the display matrix (counter-clockwise) and from the old rotate tag', () => {
    const matrix = interpretProbe(ffprobeJson({ ...h264, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }), context).video!;
    expect([matrix.rotation, matrix.displayWidth, matrix.displayHeight]).toEqual([90, 1080, 1920]);
    expect(interpretProbe(ffprobeJson({ ...h264, side_data_list: [{ rotation: 180 }] }), context).video!.rotation).toBe(180);
    expect(interpretProbe(ffprobeJson({ ...h264, side_data_list: [{ rotation: 90 }] }), context).video!.rotation).toBe(270);
    expect(interpretProbe(ffprobeJson({ ...h264, tags: { rotate: '270' } }), context).video!.rotation).toBe(270);
  });

  it('sees interlacing, high bit depth and anamorphic pixels', () => {
    const video = interpretProbe(ffprobeJson({ ...h264, width: 1440, field_order: 'tt', pix_fmt: 'yuv422p10le', bits_per_raw_sample: undefined, sample_aspect_ratio: '4:3' }), context).video!;
    expect(video).toMatchObject({ interlaced: true, fieldOrder: 'tt', bitDepth: 10, sampleAspectRatio: { num: 4, den: 3 } });
  });

  it('ignores cover art, and reports no video for an audio file', () => {
    const probe = interpretProbe(ffprobeJson({ codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } }), context);
    expect(probe.video).toBeNull();
    expect(probe.audio?.codec).toBe('aac');
  });

  it('uses the packet timing to find a variable frame rate', () => {
    const steady = Array.from({ length: 60 }, (_, i) => ({ stream_index: 0, pts: i * 512 }));
    expect(interpretProbe(ffprobeJson(h264, null, steady), context).video!.variableFrameRate).toBe(false);
    const jittery = steady.map((p, i) => ({ ...p, pts: i * 512 + (i % 3 === 0 ? 200 : 0) }));
    expect(interpretProbe(ffprobeJson(h264, null, jittery), context).video!.variableFrameRate).toBe(true);
  });

  it('measures the distance between keyframes in the sample, in seconds of the stream time base', () => {
    // 25 fps at 1/12800: a keyframe every 12 frames (0.48 s), then every 50 (2 s).
    const packets = Array.from({ length: 125 }, (_, i) => ({ stream_index: 0, pts: i * 512, flags: (i < 50 ? i % 12 === 0 : (i - 48) % 50 === 0) ? 'K__' : '___' }));
    const video = interpretProbe(ffprobeJson({ ...h264, time_base: '1/12800' }, null, packets), context).video!;
    expect(video.keyframeGapS).toBe(2);
    expect(interpretProbe(ffprobeJson(h264, null, packets), context).video!.keyframeGapS).toBeNull();
  });

  it('does not crash on nonsense', () => {
    const probe = interpretProbe({ streams: 'x', format: null }, context);
    expect(probe).toMatchObject({ durationMs: null, video: null, audio: null, container: { family: 'other' } });
  });
});

describe('isVariableFrameRate', () => {
  const rate = (v: string) => parseRational(v);
  it('compares the average with the base rate', () => {
    expect(isVariableFrameRate(rate('30/1'), rate('30/1'), [])).toBe(false);
    expect(isVariableFrameRate(rate('315/22'), rate('30/1'), [])).toBe(true);
    expect(isVariableFrameRate(rate('2997/100'), rate('30000/1001'), [])).toBe(false);
  });
  it('accepts one tick of rounding (29.97 fps at 1/600) and reordered frames at the cut', () => {
    const pts: number[] = [];
    for (let i = 0, t = 0; i < 150; i += 1, t += i % 50 === 0 ? 21 : 20) pts.push(t);
    // Decode order with B-frames: the last reordered frames are missing from the sample.
    const cut = pts.slice(0, -3).concat(pts[pts.length - 1]!);
    expect(isVariableFrameRate(rate('30000/1001'), rate('30000/1001'), cut)).toBe(false);
  });
  it('sees frames dropped unevenly', () => {
    const pts = [0, 1, 2, 4, 5, 7, 8, 9, 11, 12, 14, 15, 16, 18, 19, 21, 22, 23, 25].map((n) => n * 1000);
    expect(isVariableFrameRate(null, null, pts)).toBe(true);
  });
});

describe('longestKeyframeGap', () => {
  it('counts the stretch after the last keyframe: one keyframe in five seconds means at least five', () => {
    const all = Array.from({ length: 151 }, (_, i) => i * 3000);
    expect(longestKeyframeGap([0], all, 1 / 90000)).toBe(5);
    expect(longestKeyframeGap([0, 45000, 90000, 135000, 180000], all.slice(0, 61), 1 / 90000)).toBe(0.5);
    expect(longestKeyframeGap([], all, 1 / 90000)).toBeNull();
  });
});

describe('readTopLevelBoxes', () => {
  const box = (type: string, size: number) => {
    const b = Buffer.alloc(size);
    b.writeUInt32BE(size, 0);
    b.write(type, 4, 'latin1');
    return b;
  };
  it('lists boxes in order and recognises faststart', async () => {
    const path = join(dir, 'fast.mp4');
    writeFileSync(path, Buffer.concat([box('ftyp', 24), box('moov', 100), box('mdat', 1000)]));
    expect(await readTopLevelBoxes(path)).toEqual({ order: ['ftyp', 'moov', 'mdat'], truncated: false });
    expect(await isFaststart(path)).toBe(true);
  });
  it('sees a box that runs past the end of the file', async () => {
    const path = join(dir, 'cut.mp4');
    writeFileSync(path, Buffer.concat([box('ftyp', 24), box('mdat', 1000)]).subarray(0, 600));
    expect(await readTopLevelBoxes(path)).toEqual({ order: ['ftyp', 'mdat'], truncated: true });
    expect(await isFaststart(path)).toBe(false);
  });
  it('handles 64-bit sizes and returns null for files without boxes', async () => {
    const large = Buffer.alloc(16 + 50);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeBigUInt64BE(66n, 8);
    const path = join(dir, 'large.mp4');
    writeFileSync(path, Buffer.concat([box('ftyp', 16), large, box('moov', 40)]));
    expect(await readTopLevelBoxes(path)).toEqual({ order: ['ftyp', 'mdat', 'moov'], truncated: false });
    const ts = join(dir, 'x.mts');
    writeFileSync(ts, Buffer.from([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d, 0, 0, 0, 0]));
    expect(await readTopLevelBoxes(ts)).toBeNull();
  });
});

describe('inputUrl', () => {
  it('makes a name starting with a dash or holding a colon a plain file path', () => {
    expect(inputUrl('/tmp/-i evil:name.mp4')).toBe('file:/tmp/-i evil:name.mp4');
    expect(inputUrl('relative.mp4')).toMatch(/^file:\/.*\/relative\.mp4$/);
  });
});

describe('probeMedia with a misbehaving ffprobe', () => {
  const fake = join(dir, 'fake-ffprobe');
  writeFileSync(fake, '#!/bin/sh\nfor arg; do case "$arg" in *hang*) exec sleep 30 ;; *broken*) echo "[mov] moov atom not found" >&2; exit 1 ;; esac; done\necho "{"\n');
  chmodSync(fake, 0o755);
  const media = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('ftypisom'), Buffer.alloc(100)]));
    return path;
  };
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as MediaError);

  it.skipIf(process.platform === 'win32')('kills a hanging ffprobe after the time-out and says so in Dutch', async () => {
    const started = Date.now();
    const error = await failure(probeMedia(media('hang.mp4'), { ffprobePath: fake, timeoutMs: 300 }));
    expect(error?.kind).toBe('probe_timeout');
    expect(error?.message).toBe('Het bestand kon niet binnen 1 seconde worden gelezen en is waarschijnlijk beschadigd.');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.skipIf(process.platform === 'win32')('stops on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(probeMedia(media('hang-2.mp4'), { ffprobePath: fake, signal: controller.signal })))?.kind).toBe('cancelled');
  });

  it.skipIf(process.platform === 'win32')('turns ffprobe errors and bad JSON into Dutch reasons, keeping stderr for the log', async () => {
    const lost = await failure(probeMedia(media('broken.mp4'), { ffprobePath: fake }));
    expect(lost?.kind).toBe('damaged');
    expect(lost?.message).toMatch(/onvolledig/);
    expect(lost?.detail).toContain('moov atom not found');
    expect((await failure(probeMedia(media('fine.mp4'), { ffprobePath: fake })))?.kind).toBe('damaged');
  });
});

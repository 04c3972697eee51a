import { describe, expect, it } from 'vitest';
import { MediaError } from './media-error';
import { nearestStandardRate, planPlayback } from './playback-plan';
import type { AudioStreamInfo, MediaProbe, VideoStreamInfo } from './probe';

const rate = (num: number, den = 1) => ({ rational: { num, den }, fps: num / den });

const video: VideoStreamInfo = {
  index: 0,
  codec: 'h264',
  profile: 'High',
  width: 1920,
  height: 1080,
  rotation: 0,
  displayWidth: 1920,
  displayHeight: 1080,
  sampleAspectRatio: null,
  frameRate: rate(25),
  baseFrameRate: rate(25),
  variableFrameRate: false,
  fieldOrder: 'progressive',
  interlaced: false,
  pixelFormat: 'yuv420p',
  bitDepth: 8,
  keyframeGapS: null,
};
const aac: AudioStreamInfo = { index: 1, codec: 'aac', channels: 2, sampleRate: 48000, channelLayout: 'stereo' };

function probe(overrides: { video?: Partial<VideoStreamInfo> | null; audio?: Partial<AudioStreamInfo> | null; container?: Partial<MediaProbe['container']>; durationMs?: number | null } = {}): MediaProbe {
  return {
    path: '/library/abc.mp4',
    sizeBytes: 1000,
    durationMs: overrides.durationMs === undefined ? 900_000 : overrides.durationMs,
    container: { formatName: 'mov,mp4,m4a,3gp,3g2,mj2', family: 'mp4', majorBrand: 'isom', moovBeforeMdat: true, truncated: false, ...overrides.container },
    video: overrides.video === null ? null : { ...video, ...overrides.video },
    audio: overrides.audio === null ? null : { ...aac, ...overrides.audio },
  };
}

function refusal(p: MediaProbe): MediaError {
  try {
    planPlayback(p);
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planPlayback: as is', () => {
  it('plays H.264 + AAC in MP4 directly', () => {
    const plan = planPlayback(probe());
    expect(plan).toMatchObject({ mode: 'as_is', audio: 'copy', peaks: true, durationMs: 900_000 });
    expect(plan.reason).toBe('Deze opname (H.264 met AAC-geluid in MP4) kan direct worden afgespeeld.');
  });

  it('re-wraps an otherwise playable MP4 that carries the phone\'s own tags (the place of recording), so no rater receives them', () => {
    const plan = planPlayback(probe({ container: { personalTags: ['location', 'title'] } }));
    expect(plan).toMatchObject({ mode: 'remux', audio: 'copy' });
    expect(plan.reason).toBe(
      'De beelden (H.264) blijven ongewijzigd; ze worden zonder kwaliteitsverlies in een MP4-bestand gezet omdat het bestand naast beeld en geluid ook gegevens bevat, zoals de plaats van opname of een titel, die zo worden weggelaten.',
    );
    // Probes stored before the tags were looked at: as before.
    expect(planPlayback(probe({ container: { personalTags: undefined } })).mode).toBe('as_is');
  });

  it('plays H.264 without audio directly, without a waveform', () => {
    const plan = planPlayback(probe({ audio: null }));
    expect(plan).toMatchObject({ mode: 'as_is', audio: 'none', peaks: false });
    expect(plan.reason).toContain('zonder geluid');
  });

  it('keeps rotation to the player for H.264 (Chromium honours the display matrix)', () => {
    expect(planPlayback(probe({ video: { rotation: 90, displayWidth: 1080, displayHeight: 1920 } })).mode).toBe('as_is');
  });
});

describe('planPlayback: a seek-friendly version for far-apart keyframes', () => {
  it('plays a phone clip with a keyframe a second at once and makes a proxy with quarter-second keyframes afterwards', () => {
    const plan = planPlayback(probe({ video: { keyframeGapS: 1, rotation: 90, displayWidth: 1080, displayHeight: 1920 } }));
    expect(plan).toMatchObject({ mode: 'as_is', audio: 'copy' });
    expect(plan.upgrade).toMatchObject({ mode: 'proxy', audio: 'aac', deinterlace: false, constantFrameRate: null, outputFrameRate: rate(25), rotation: 90 });
    expect(plan.reason).toContain('om de 1 seconde een sleutelbeeld');
    expect(plan.reason).toContain('op de achtergrond');
  });

  it('does the same after a remux, and leaves 15-frame camcorder GOPs and unknown spacing alone', () => {
    const mts = { container: { family: 'mpegts' as const }, audio: { codec: 'ac3' } };
    expect(planPlayback(probe({ ...mts, video: { keyframeGapS: 4.2 } })).upgrade?.reason).toContain('om de 4,2 seconden een sleutelbeeld');
    expect(planPlayback(probe({ ...mts, video: { keyframeGapS: 0.5 } })).upgrade).toBeUndefined();
    expect(planPlayback(probe({ video: { keyframeGapS: 0.6 } })).upgrade).toBeUndefined();
    expect(planPlayback(probe({ video: { keyframeGapS: null } })).upgrade).toBeUndefined();
  });

  it('makes no second proxy of a file that is proxied anyway', () => {
    const plan = planPlayback(probe({ video: { codec: 'hevc', keyframeGapS: 8 } }));
    expect(plan.mode).toBe('proxy');
    expect(plan.upgrade).toBeUndefined();
  });
});

describe('planPlayback: remux', () => {
  it('re-wraps H.264 from MTS and converts AC-3 to AAC', () => {
    const plan = planPlayback(probe({ container: { family: 'mpegts', formatName: 'mpegts', majorBrand: null, moovBeforeMdat: null }, audio: { codec: 'ac3' } }));
    expect(plan).toMatchObject({ mode: 'remux', audio: 'aac' });
    expect(plan.reason).toMatch(/MTS\/M2TS.*AC-3/);
  });

  it('re-wraps a MOV with AAC by copying both streams', () => {
    expect(planPlayback(probe({ container: { family: 'mov', majorBrand: 'qt' } }))).toMatchObject({ mode: 'remux', audio: 'copy' });
  });

  it('re-wraps an MP4 whose index is at the end', () => {
    const plan = planPlayback(probe({ container: { moovBeforeMdat: false } }));
    expect(plan).toMatchObject({ mode: 'remux', audio: 'copy' });
    expect(plan.reason).toContain('index aan het eind');
  });

  it('re-wraps an MP4 with MP3 sound to get AAC', () => {
    expect(planPlayback(probe({ audio: { codec: 'mp3' } }))).toMatchObject({ mode: 'remux', audio: 'aac' });
  });
});

describe('planPlayback: proxy', () => {
  it('encodes HEVC', () => {
    const plan = planPlayback(probe({ video: { codec: 'hevc' } }));
    expect(plan).toMatchObject({ mode: 'proxy', audio: 'aac', deinterlace: false, constantFrameRate: null, downscale: true });
    expect(plan.reason).toContain('HEVC (H.265)');
  });

  it('remuxes 1080i camcorder video first and deinterlaces it afterwards', () => {
    const plan = planPlayback(probe({ video: { interlaced: true, fieldOrder: 'tt' }, container: { family: 'mpegts' }, audio: { codec: 'ac3' } }));
    expect(plan).toMatchObject({ mode: 'remux', audio: 'aac', outputFrameRate: rate(25) });
    expect(plan.upgrade).toMatchObject({ mode: 'proxy', deinterlace: true, audio: 'aac', outputFrameRate: rate(25) });
    expect(plan.reason).toContain('interlaced');
    expect(plan.upgrade!.reason).toContain('geïnterlaced');
  });

  it('proxies interlaced video at once when it needs more than deinterlacing', () => {
    const plan = planPlayback(probe({ video: { interlaced: true, codec: 'mpeg2video' }, container: { family: 'mpegts' } }));
    expect(plan).toMatchObject({ mode: 'proxy', deinterlace: true });
    expect(plan.upgrade).toBeUndefined();
  });

  it('makes a variable frame rate constant at the nearest standard rate, and turns rotated video upright', () => {
    const plan = planPlayback(
      probe({ container: { family: 'mov' }, video: { variableFrameRate: true, frameRate: rate(2910, 89), baseFrameRate: rate(60), rotation: 90, displayWidth: 1080, displayHeight: 1920 } }),
    );
    expect(plan).toMatchObject({ mode: 'proxy', constantFrameRate: rate(30), outputFrameRate: rate(30), rotation: 90, downscale: true });
    expect(plan.reason).toMatch(/wisselt \(wordt constant 30 beelden per seconde\).*rechtop/);
  });

  it('encodes 10-bit or 4:2:2 H.264, which browsers do not play', () => {
    expect(planPlayback(probe({ video: { pixelFormat: 'yuv422p10le', bitDepth: 10 } })).mode).toBe('proxy');
  });

  it('scales proxies down to 720p, in either orientation', () => {
    expect(planPlayback(probe({ video: { codec: 'hevc', width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 } })).downscale).toBe(true);
    expect(planPlayback(probe({ video: { codec: 'hevc', width: 1080, height: 1920, displayWidth: 1080, displayHeight: 1920 } })).downscale).toBe(true);
    expect(planPlayback(probe({ video: { codec: 'hevc', width: 720, height: 1280, displayWidth: 720, displayHeight: 1280 } })).downscale).toBe(false);
    expect(planPlayback(probe({ video: { codec: 'hevc', width: 1280, height: 720, displayWidth: 1280, displayHeight: 720 } })).reason).not.toContain('verkleind');
    expect(planPlayback(probe({ video: { codec: 'hevc' } })).reason).toContain('verkleind tot maximaal 1280×720');
  });

  it('deinterlaces 4K interlaced video at once: a remux of it would not play smoothly', () => {
    const plan = planPlayback(probe({ video: { interlaced: true, fieldOrder: 'tt', width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 } }));
    expect(plan).toMatchObject({ mode: 'proxy', deinterlace: true, downscale: true });
  });

  it('keeps a silent proxy silent', () => {
    expect(planPlayback(probe({ video: { codec: 'hevc' }, audio: null }))).toMatchObject({ mode: 'proxy', audio: 'none', peaks: false });
  });
});

describe('planPlayback: refusals', () => {
  it('refuses audio without video', () => {
    const error = refusal(probe({ video: null }));
    expect([error.kind, error.message]).toEqual(['not_video', 'Dit bestand bevat alleen geluid, geen videobeeld.']);
  });
  it('refuses a file with no streams at all', () => {
    expect(refusal(probe({ video: null, audio: null })).message).toBe('Dit bestand bevat geen videobeeld.');
  });
  it('refuses a truncated file', () => {
    expect(refusal(probe({ container: { truncated: true } })).message).toContain('onvolledig');
  });
  it('refuses an unknown duration or picture size', () => {
    expect(refusal(probe({ durationMs: null })).kind).toBe('damaged');
    expect(refusal(probe({ video: { width: 0 } })).kind).toBe('damaged');
  });
  it('refuses a picture larger than any camera films, and accepts 8K', () => {
    const huge = refusal(probe({ video: { codec: 'mjpeg', width: 8000, height: 8000, displayWidth: 8000, displayHeight: 8000 } }));
    expect([huge.kind, huge.message]).toEqual([
      'unsupported',
      "Het beeld van deze opname is 8000×8000 pixels: groter dan een camera of telefoon filmt (hoogstens 8K, 7680×4320). Zo'n bestand kan niet worden afgespeeld en wordt niet geïmporteerd.",
    ]);
    // One side too long, however thin.
    expect(refusal(probe({ video: { width: 16_384, height: 16, displayWidth: 16_384, displayHeight: 16 } })).kind).toBe('unsupported');
    expect(planPlayback(probe({ video: { codec: 'hevc', width: 7680, height: 4320, displayWidth: 7680, displayHeight: 4320 } })).mode).toBe('proxy');
    expect(planPlayback(probe({ video: { codec: 'hevc', width: 4320, height: 7680, rotation: 90, displayWidth: 7680, displayHeight: 4320 } })).mode).toBe('proxy');
  });
  it('refuses a duration of more than a day, which would also overflow the jobs\' time-outs', () => {
    const long = refusal(probe({ durationMs: 360_001_000 }));
    expect([long.kind, long.message]).toEqual([
      'damaged',
      'Volgens het bestand duurt deze opname 100 uur; opnamen van meer dan 24 uur worden niet geïmporteerd. Het bestand is waarschijnlijk beschadigd of verkeerd opgeslagen.',
    ]);
    expect(planPlayback(probe({ durationMs: 24 * 3_600_000 })).durationMs).toBe(24 * 3_600_000);
  });
});

describe('nearestStandardRate', () => {
  it('snaps phone rates to broadcast rates', () => {
    expect(nearestStandardRate(rate(2986, 100)).rational).toEqual({ num: 30000, den: 1001 });
    expect(nearestStandardRate(rate(24)).rational).toEqual({ num: 24, den: 1 });
    expect(nearestStandardRate(rate(240)).rational).toEqual({ num: 60, den: 1 });
    expect(nearestStandardRate(null).rational).toEqual({ num: 30, den: 1 });
  });
});

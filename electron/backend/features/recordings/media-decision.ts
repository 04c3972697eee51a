import type { PlaybackPlanKind } from '../../../../shared/domain/vocabulary';
import { planPlayback, type PlaybackPlan } from '../../media/playback-plan';
import { probeMedia, type MediaProbe } from '../../media/probe';
import { sniffMediaFile } from '../../media/sniff';

export interface ImportInspection {
  probe: MediaProbe;
  playback: PlaybackPlan;
  plan: PlaybackPlanKind;
  reason: string;
  durationMs: number;
  /** The frame rate of what the player will play (the proxy's constant rate when one is made). */
  fpsNum: number;
  fpsDen: number;
  width: number;
  height: number;
}

/**
 * Looks at a file before it becomes a recording: a quick sniff of its first bytes, ffprobe with a
 * time-out, then the playback decision. Any refusal is a MediaError with a Dutch reason.
 */
export async function inspectForImport(path: string): Promise<ImportInspection> {
  await sniffMediaFile(path);
  const probe = await probeMedia(path);
  const playback = planPlayback(probe);
  const video = probe.video!;
  const rate = playback.outputFrameRate?.rational ?? video.frameRate?.rational ?? { num: 25, den: 1 };
  return {
    probe,
    playback,
    plan: playback.mode,
    reason: playback.reason,
    durationMs: playback.durationMs,
    fpsNum: rate.num,
    fpsDen: rate.den,
    width: video.displayWidth,
    height: video.displayHeight,
  };
}

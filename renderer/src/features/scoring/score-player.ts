import type { PlayerMedia, SpriteLayout } from '../../../../shared/domain/entities';

/**
 * What the score page shows in place of the clip. It is built from the sheet's PlayerMedia only,
 * never from `recordings.get`: in a round blind to the measurement moment that would bring the
 * family, the date and the moment back onto the rater's screen.
 */
export type ScorePlayerView =
  /** No media for this caller: a device in the intervisie, where the clip plays on the shared screen. */
  | { kind: 'elsewhere' }
  /** The playable version is still being made; the sheet is fetched again when it is done. */
  | { kind: 'waiting' }
  | {
      kind: 'ready';
      src: string;
      spriteUrl: (sheet: number) => string;
      peaksUrl: string | null;
      rate: { num: number; den: number };
      durationMs: number;
      width: number;
      height: number;
      sprite: SpriteLayout | null;
    };

export function scorePlayerView(player: PlayerMedia | null): ScorePlayerView {
  if (player === null) return { kind: 'elsewhere' };
  // A clip without a known length or frame rate cannot be stepped or scrubbed; it is not ready yet.
  if (!player.playable || player.durationMs <= 0 || player.fpsNum <= 0 || player.fpsDen <= 0) return { kind: 'waiting' };
  const base = `/media/${player.recordingId}`;
  return {
    kind: 'ready',
    // The version in the URL makes the player load a better version as soon as it replaces this one.
    src: `${base}?v=${encodeURIComponent(player.mediaVersion)}`,
    spriteUrl: (sheet) => `${base}/sprite/${sheet}`,
    peaksUrl: player.hasPeaks ? `${base}/peaks` : null,
    rate: { num: player.fpsNum, den: player.fpsDen },
    durationMs: player.durationMs,
    width: player.width,
    height: player.height,
    sprite: player.sprite,
  };
}

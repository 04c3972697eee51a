import type { ScorePlayerView } from '../scoring/score-player';
import { VideoPlayer, type PlayerHandle } from './VideoPlayer';

/** The player for a clip known only by its PlayerMedia view (score page, projector): no family data needed. */
export function ClipPlayer({
  view,
  initialPositionMs,
  onReady,
}: {
  view: Extract<ScorePlayerView, { kind: 'ready' }>;
  initialPositionMs: number;
  onReady: (handle: PlayerHandle) => void;
}) {
  return (
    <VideoPlayer
      src={view.src}
      rate={view.rate}
      durationMs={view.durationMs}
      width={view.width}
      height={view.height}
      sprite={view.sprite}
      spriteUrl={view.spriteUrl}
      peaksUrl={view.peaksUrl}
      initialPositionMs={initialPositionMs}
      onReady={onReady}
    />
  );
}

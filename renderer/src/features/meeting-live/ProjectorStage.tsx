import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlayerMedia } from '../../../../shared/domain/entities';
import { ClipPlayer } from '../player/ClipPlayer';
import type { PlayerHandle } from '../player/VideoPlayer';
import { scorePlayerView } from '../scoring/score-player';

export interface ProjectorCue {
  recordingId: number;
  startMs: number;
  /** Play at once (a cited fragment); otherwise the clip waits at its start. */
  play: boolean;
}

/**
 * The clip on the projector, large. A citation in the discussion cues it (seek and play); a cue for
 * another recording swaps the clip first. No playback position is saved: many people watch.
 */
export function ProjectorStage({
  media,
  label,
  cue,
  onPlayer,
}: {
  media: PlayerMedia | null;
  label: string;
  cue: ProjectorCue | null;
  onPlayer: (handle: PlayerHandle | null, recordingId: number) => void;
}) {
  const { t } = useTranslation();
  const stage = useRef<HTMLElement>(null);
  const view = scorePlayerView(media);
  const startMs = cue && media && cue.recordingId === media.recordingId ? Math.min(cue.startMs, media.durationMs) : 0;
  const shouldPlay = cue !== null && media !== null && cue.recordingId === media.recordingId && cue.play;
  // Read when the new clip's player is ready (a ref: the player keeps the callback it mounted with).
  const playWhenReady = useRef(shouldPlay);
  const recordingIdRef = useRef(media?.recordingId ?? 0);
  recordingIdRef.current = media?.recordingId ?? 0;
  playWhenReady.current = shouldPlay;
  const onReady = useCallback(
    (handle: PlayerHandle) => {
      onPlayer(handle, recordingIdRef.current);
      if (playWhenReady.current) handle.play();
    },
    [onPlayer],
  );

  return (
    <section ref={stage} className="card projector-stage" aria-label={t('meetingLive.playerFor', { recording: label })}>
      <div className="projector-stage-head">
        <h2>
          <span className="help">{t('meetingLive.onProjectorNow')}:</span> {label}
        </h2>
        <button type="button" onClick={() => void stage.current?.requestFullscreen?.().catch(() => undefined)}>
          {t('meetingLive.playerFullscreen')}
        </button>
      </div>
      {view.kind === 'ready' ? (
        <ClipPlayer key={`${media!.recordingId}:${media!.mediaVersion}`} view={view} initialPositionMs={startMs} onReady={onReady} />
      ) : (
        <p role="status">{t('meetingLive.notPlayable')}</p>
      )}
    </section>
  );
}

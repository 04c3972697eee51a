import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlayerMedia } from '../../../../shared/domain/entities';
import { VideoPlayer, type PlayerHandle } from '../player/VideoPlayer';

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
      {media?.playable ? (
        <VideoPlayer
          key={`${media.recordingId}:${media.mediaVersion}`}
          src={`/media/${media.recordingId}?v=${encodeURIComponent(media.mediaVersion)}`}
          rate={{ num: media.fpsNum, den: media.fpsDen }}
          durationMs={media.durationMs}
          width={media.width}
          height={media.height}
          sprite={media.sprite}
          spriteUrl={(sheet) => `/media/${media.recordingId}/sprite/${sheet}`}
          peaksUrl={media.hasPeaks ? `/media/${media.recordingId}/peaks` : null}
          initialPositionMs={startMs}
          onReady={onReady}
        />
      ) : (
        <p role="status">{t('meetingLive.notPlayable')}</p>
      )}
    </section>
  );
}

import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MethodInput } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ClipPlayer } from '../player/ClipPlayer';
import type { PlayerHandle } from '../player/VideoPlayer';
import { formatTime } from './citations';
import { caregiverList, recordingLabel } from './labels';
import { OtherScores } from './OtherScores';
import { ScoreCard } from './ScoreCard';
import { scorePlayerView } from './score-player';

/**
 * Scoring in a round or in practice (`/recordings/:id/score?round=<id>|practice`): the clip beside
 * the score card. Everything on this page comes from `scoring.sheet`, which masks the recording in
 * a round blind to the measurement moment; `recordings.get` is never called here, and the playback
 * position is not saved (it belongs to the recording page, which shows the family).
 */
export function ScorePage() {
  const { t } = useTranslation();
  const recordingId = Number(useParams().recordingId);
  const [params] = useSearchParams();
  const roundParam = params.get('round');
  const roundId = roundParam === null ? undefined : roundParam === 'practice' ? null : Number(roundParam);
  const input: MethodInput<'scoring.sheet'> = roundId === undefined ? { recordingId } : { recordingId, roundId };
  const sheet = useApiQuery('scoring.sheet', input, { enabled: Number.isSafeInteger(recordingId) && recordingId > 0 });
  const player = useRef<PlayerHandle | null>(null);
  // State as well as the ref: the card offers "cite current time" and playable citations only once the player can seek.
  const [playerReady, setPlayerReady] = useState(false);
  const onReady = useCallback((handle: PlayerHandle) => {
    player.current = handle;
    setPlayerReady(true);
  }, []);
  const currentTimeMs = useCallback(() => player.current?.currentMs() ?? 0, []);
  const playFrom = useCallback((startMs: number) => {
    player.current?.seekMs(startMs);
    player.current?.play();
  }, []);
  // Query results keep their identity while nothing changed, so the player's props stay stable too.
  const media = sheet.data?.player;
  const view = useMemo(() => (media === undefined ? null : scorePlayerView(media)), [media]);

  if (sheet.error) return <ErrorMessage error={sheet.error} />;
  if (!sheet.data || !view) return <p role="status">{t('app.loading')}</p>;
  const recording = sheet.data.recording;
  const canPlay = view.kind === 'ready' && playerReady;

  return (
    <article aria-labelledby="score-page-title" className="score-page score-page--player">
      {sheet.data.roundId !== null ? (
        <Link to={`/rounds/${sheet.data.roundId}`}>← {t('scoring.page.backToRound', { name: sheet.data.roundName })}</Link>
      ) : (
        <Link to="/scoring/practice">← {t('scoring.page.backToPractice')}</Link>
      )}
      <h1 id="score-page-title">{recording.masked ? t('scoring.page.headingMasked', { code: recording.clipCode }) : t('scoring.page.heading', { code: recording.clipCode, date: recording.recordedOn })}</h1>
      <p className="help">
        {recordingLabel(t, recording)} · {formatTime(recording.durationMs)} · {caregiverList(recording)}
      </p>
      <div className="score-page-layout">
        <div className="score-page-clip">
          {view.kind === 'ready' ? (
            <ClipPlayer view={view} initialPositionMs={0} onReady={onReady} />
          ) : (
            <p className="card score-page-no-clip" role="status">
              {t(view.kind === 'waiting' ? 'scoring.page.clipWaiting' : 'scoring.page.clipElsewhere')}
            </p>
          )}
        </div>
        <div className="score-page-side">
          <ScoreCard
            key={roundParam ?? 'auto'}
            recordingId={recording.id}
            caregivers={recording.caregivers}
            roundId={roundId}
            {...(canPlay ? { currentTimeMs, onPlayFragment: playFrom } : {})}
          />
          <OtherScores recording={recording} />
        </div>
      </div>
    </article>
  );
}

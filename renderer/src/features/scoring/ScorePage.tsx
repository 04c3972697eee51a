import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MethodInput } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from './citations';
import { caregiverList, recordingLabel } from './labels';
import { OtherScores } from './OtherScores';
import { ScoreCard } from './ScoreCard';

/**
 * The score card on its own page (`/recordings/:id/score?round=<id>|practice`), for rounds and
 * practice without the player; the recording page places the same card beside the player.
 */
export function ScorePage() {
  const { t } = useTranslation();
  const recordingId = Number(useParams().recordingId);
  const [params] = useSearchParams();
  const roundParam = params.get('round');
  const roundId = roundParam === null ? undefined : roundParam === 'practice' ? null : Number(roundParam);
  const input: MethodInput<'scoring.sheet'> = roundId === undefined ? { recordingId } : { recordingId, roundId };
  const sheet = useApiQuery('scoring.sheet', input, { enabled: Number.isSafeInteger(recordingId) && recordingId > 0 });
  const [playing, setPlaying] = useState<number | null>(null);

  if (sheet.error) return <ErrorMessage error={sheet.error} />;
  if (!sheet.data) return <p role="status">{t('app.loading')}</p>;
  const recording = sheet.data.recording;

  return (
    <article aria-labelledby="score-page-title" className="score-page">
      {sheet.data.roundId !== null ? (
        <Link to={`/rounds/${sheet.data.roundId}`}>← {t('scoring.page.backToRound', { name: sheet.data.roundName })}</Link>
      ) : (
        <Link to="/scoring/practice">← {t('scoring.page.backToPractice')}</Link>
      )}
      <h1 id="score-page-title">{recording.masked ? t('scoring.page.headingMasked', { code: recording.clipCode }) : t('scoring.page.heading', { code: recording.clipCode, date: recording.recordedOn })}</h1>
      <p className="help">
        {recordingLabel(t, recording)} · {formatTime(recording.durationMs)} · {caregiverList(recording)}
      </p>
      {playing !== null && (
        <p role="status" className="card playing">
          {t('scoring.page.playing', { time: formatTime(playing) })}{' '}
          <Link to={`/recordings/${recording.id}?t=${playing}`}>{t('scoring.page.openPlayer')}</Link>
        </p>
      )}
      <ScoreCard key={roundParam ?? 'auto'} recordingId={recording.id} caregivers={recording.caregivers} roundId={roundId} onPlayFragment={setPlaying} />
      <OtherScores recording={recording} />
    </article>
  );
}

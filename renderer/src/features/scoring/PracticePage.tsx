import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { caregiverList, formatDateTime, recordingLabel } from './labels';
import './scoring.css';

/** My sheets (rounds and practice), and every recording to practise on outside a round. */
export function PracticePage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const mine = useApiQuery('scoring.mine', {});
  const recordings = useApiQuery('scoring.recordings', { search: search.slice(0, 40) });

  return (
    <section aria-labelledby="practice-title">
      <h1 id="practice-title">{t('scoring.practice.title')}</h1>
      <p>{t('scoring.practice.intro')}</p>

      <section aria-labelledby="mine-title" className="card">
        <h2 id="mine-title">{t('scoring.practice.mine')}</h2>
        <ErrorMessage error={mine.error} />
        {mine.data?.length === 0 && <p>{t('scoring.practice.mineNone')}</p>}
        {mine.data && mine.data.length > 0 && (
          <table className="table table--compact">
            <caption className="visually-hidden">{t('scoring.practice.mine')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scoring.rounds.recording')}</th>
                <th scope="col">{t('scoring.practice.context')}</th>
                <th scope="col">{t('scoring.practice.status')}</th>
                <th scope="col">{t('scoring.practice.scores')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.data.map((sheet) => (
                <tr key={`${sheet.recording.id}-${sheet.roundId ?? 'p'}`}>
                  <th scope="row">
                    <Link to={`/recordings/${sheet.recording.id}/score?round=${sheet.roundId ?? 'practice'}`}>{recordingLabel(t, sheet.recording)}</Link>
                  </th>
                  <td>{sheet.blind ? sheet.roundName : <span className="badge badge--open">{t('scoring.card.notBlind')}</span>}</td>
                  <td>
                    {sheet.status === 'submitted'
                      ? t('scoring.card.statusSubmitted', { at: formatDateTime(sheet.submittedAt!, i18n.language) })
                      : t('scoring.rounds.myStatus.draft')}
                  </td>
                  <td>
                    {sheet.recording.caregivers
                      .map(
                        (caregiver) =>
                          `${caregiver.label}: ${SCALE_KEYS.map((scale) => `${t(`scoring.scalesShort.${scale}`)} ${sheet.scores.find((s) => s.caregiverId === caregiver.id && s.scale === scale)?.value ?? '–'}`).join(' / ')}`,
                      )
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="practice-recordings" className="card">
        <h2 id="practice-recordings">{t('scoring.practice.recordings')}</h2>
        <div className="field">
          <label htmlFor="practice-search">{t('scoring.practice.search')}</label>
          <input id="practice-search" type="search" value={search} maxLength={40} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <ErrorMessage error={recordings.error} />
        {recordings.data?.length === 0 && <p>{t('scoring.rounds.recordingsNone')}</p>}
        <ul className="plain-list" aria-label={t('scoring.practice.recordings')}>
          {(recordings.data ?? []).map((recording) => (
            <li key={recording.id} className="practice-row">
              <span>
                {recordingLabel(t, recording)} · {caregiverList(recording)}
              </span>
              <Link to={`/recordings/${recording.id}/score?round=practice`} aria-label={t('scoring.practice.practiseOn', { recording: recordingLabel(t, recording) })}>
                {t('scoring.practice.practise')}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { localToday } from '../../../../shared/domain/dates';
import type { RevealRule, RoundKind } from '../../../../shared/domain/scoring';
import { useApiMutation, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { caregiverList, recordingLabel } from './labels';
import './scoring.css';

export function NewRoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { rater } = useSession();
  const [search, setSearch] = useState('');
  const recordings = useApiQuery('scoring.recordings', { search: search.slice(0, 40) });
  const raters = useApiQuery('raters.list', {});
  const create = useApiMutation('rounds.create');
  const [name, setName] = useState('');
  const [heldOn, setHeldOn] = useState(localToday());
  const [kind, setKind] = useState<RoundKind>('meeting');
  const [revealRule, setRevealRule] = useState<RevealRule>('coordinator');
  const [blindMoment, setBlindMoment] = useState(false);
  const [recordingIds, setRecordingIds] = useState<number[]>([]);
  const [raterIds, setRaterIds] = useState<number[]>([]);

  if (rater.role !== 'coordinator') return <p>{t('scoring.rounds.onlyCoordinator')}</p>;
  const toggle = (list: number[], id: number) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, heldOn, kind, revealRule, blindMoment, recordingIds, raterIds }, { onSuccess: (round) => navigate(`/rounds/${round.id}`) });
  };

  return (
    <section aria-labelledby="new-round-title">
      <Link to="/rounds">← {t('scoring.rounds.back')}</Link>
      <h1 id="new-round-title">{t('scoring.rounds.new')}</h1>
      <form aria-label={t('scoring.rounds.new')} onSubmit={onSubmit} className="stack">
        <div className="row">
          <div className="field">
            <label htmlFor="round-name">{t('scoring.rounds.name')}</label>
            <input id="round-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="round-date">{t('scoring.rounds.heldOn')}</label>
            <input id="round-date" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="round-kind">{t('scoring.rounds.kind')}</label>
            <select id="round-kind" value={kind} onChange={(e) => setKind(e.target.value as RoundKind)}>
              <option value="meeting">{t('scoring.rounds.kinds.meeting')}</option>
              <option value="round">{t('scoring.rounds.kinds.round')}</option>
            </select>
          </div>
        </div>
        <fieldset>
          <legend>{t('scoring.rounds.revealRule')}</legend>
          {(['coordinator', 'all_submitted'] as const).map((rule) => (
            <label key={rule} className="checkbox">
              <input type="radio" name="reveal-rule" value={rule} checked={revealRule === rule} onChange={() => setRevealRule(rule)} />{' '}
              {t(`scoring.rounds.revealRules.${rule}`)}
            </label>
          ))}
        </fieldset>
        <div className="blind-moment-option">
          <label className="checkbox">
            <input type="checkbox" checked={blindMoment} aria-describedby="round-blind-moment-help" onChange={(e) => setBlindMoment(e.target.checked)} />{' '}
            {t('scoring.rounds.blindMoment.label')}
          </label>
          <p id="round-blind-moment-help" className="help">
            {t('scoring.rounds.blindMoment.help')}
          </p>
        </div>
        <fieldset>
          <legend>{t('scoring.rounds.recordings')}</legend>
          <div className="field">
            <label htmlFor="round-search">{t('scoring.rounds.searchRecordings')}</label>
            <input id="round-search" type="search" value={search} maxLength={40} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <ErrorMessage error={recordings.error} />
          {recordings.data?.length === 0 && <p>{t('scoring.rounds.recordingsNone')}</p>}
          {(recordings.data ?? []).map((recording) => (
            <label key={recording.id} className="checkbox">
              <input type="checkbox" checked={recordingIds.includes(recording.id)} onChange={() => setRecordingIds(toggle(recordingIds, recording.id))} />{' '}
              {recordingLabel(t, recording)} · {caregiverList(recording)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('scoring.rounds.raters')}</legend>
          {(raters.data ?? []).map((r) => (
            <label key={r.id} className="checkbox">
              <input type="checkbox" checked={raterIds.includes(r.id)} onChange={() => setRaterIds(toggle(raterIds, r.id))} /> {r.name}
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('scoring.rounds.create')}
        </button>
      </form>
    </section>
  );
}

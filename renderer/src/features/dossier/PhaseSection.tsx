import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/domain/dates';
import type { FamilyDossier } from '../../../../shared/domain/dossier';
import { FAMILY_PHASES, type FamilyPhase } from '../../../../shared/domain/vocabulary';
import { useApiMutation, useSavingCall } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../trends/format';

/**
 * The family's path as a small timeline: each phase with its start (editable, saved at once) and
 * its end where the next begins; below it the next phase to start, and, while a contra-indication
 * holds the family in aanmelding, the coordinator's decision to go on.
 */
export function PhaseSection({ dossier, isCoordinator }: { dossier: FamilyDossier; isCoordinator: boolean }) {
  const { t, i18n } = useTranslation();
  const saving = useSavingCall();
  const id = useId();
  const start = useApiMutation('dossier.startPhase');
  const undo = useApiMutation('dossier.undoPhase');
  const override = useApiMutation('dossier.overrideContraIndication');
  const later = FAMILY_PHASES.slice(FAMILY_PHASES.indexOf(dossier.currentPhase) + 1);
  const [chosen, setChosen] = useState<FamilyPhase | ''>('');
  const next = chosen !== '' && later.includes(chosen) ? chosen : later[0];
  const [date, setDate] = useState(localToday());
  const [reason, setReason] = useState('');
  const { familyId, phases } = dossier;
  const date$ = (value: string) => formatDate(value, i18n.language);
  const blocked = dossier.currentPhase === 'aanmelding' && dossier.blockedBy.length > 0;
  const previous = phases.length > 1 ? phases[phases.length - 2]!.phase : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next) start.mutate({ familyId, phase: next, date }, { onSuccess: () => setChosen('') });
  };
  const decide = (event: FormEvent) => {
    event.preventDefault();
    override.mutate(
      { familyId, reason },
      {
        onSuccess: () => {
          setReason('');
          // The refusal that led here no longer holds.
          start.reset();
        },
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('dossier.phasesTitle')}</h2>
      <ol className="phase-timeline" aria-label={t('dossier.timeline')}>
        {phases.map((step, index) => {
          // The last step, not the one without an end: a phase from before phases had dates has no
          // start, so the step before it has no end either.
          const isCurrent = index === phases.length - 1;
          return (
            <li key={step.phase} className={`phase-step${isCurrent ? ' phase-step--current' : ''}`} aria-current={isCurrent ? 'step' : undefined} aria-label={t(`phases.${step.phase}`)}>
              <strong>{t(`phases.${step.phase}`)}</strong>
              <span className="help">
                {step.startedOn === null ? t('dossier.sinceUnknown') : t('dossier.fromTo', { from: date$(step.startedOn), to: step.endedOn ? date$(step.endedOn) : isCurrent ? t('dossier.now') : '…' })}
                {isCurrent ? ` · ${t('dossier.current')}` : ''}
              </span>
              {step.phase === 'aanmelding' ? (
                <small className="help">{t('dossier.referralHelp')}</small>
              ) : (
                <AutosaveField
                  label={t('dossier.startDate', { phase: t(`phases.${step.phase}`) })}
                  type="date"
                  value={step.startedOn ?? ''}
                  onSave={(value) => saving('dossier.setPhaseDate', { familyId, phase: step.phase, date: value })}
                />
              )}
            </li>
          );
        })}
      </ol>
      {blocked && (
        <div className="phase-blocked" role="note">
          <p className="error">{t('dossier.blocked')}</p>
          {isCoordinator ? (
            <form className="inline-form" onSubmit={decide} aria-label={t('dossier.overrideTitle')}>
              <div className="field field--wide">
                <label htmlFor={`${id}-reason`}>{t('dossier.overrideReason')}</label>
                <textarea id={`${id}-reason`} rows={2} maxLength={1000} value={reason} aria-describedby={`${id}-reason-help`} onChange={(e) => setReason(e.target.value)} />
                <small id={`${id}-reason-help`} className="help">
                  {t('dossier.overrideReasonHelp')}
                </small>
              </div>
              <button type="submit" disabled={override.isPending}>
                {t('dossier.override')}
              </button>
            </form>
          ) : (
            <p>{t('dossier.blockedRater')}</p>
          )}
          <ErrorMessage error={override.error} />
        </div>
      )}
      {next ? (
        <form className="inline-form" onSubmit={submit} aria-label={t('dossier.startPhaseForm')}>
          <div className="field">
            <label htmlFor={`${id}-next`}>{t('dossier.nextPhase')}</label>
            <select id={`${id}-next`} value={next} onChange={(e) => setChosen(e.target.value as FamilyPhase)}>
              {later.map((phase) => (
                <option key={phase} value={phase}>
                  {t(`phases.${phase}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('dossier.nextDate')}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <button type="submit" disabled={start.isPending}>
            {t('dossier.startPhase')}
          </button>
        </form>
      ) : (
        <p>{t('dossier.lastPhase')}</p>
      )}
      {previous && (
        <p>
          <button type="button" className="small" aria-describedby={`${id}-undo-help`} disabled={undo.isPending} onClick={() => undo.mutate({ familyId })}>
            {t('dossier.undo', { phase: t(`phases.${previous}`) })}
          </button>{' '}
          <small id={`${id}-undo-help`} className="help">
            {t('dossier.undoHelp')}
          </small>
        </p>
      )}
      <ErrorMessage error={start.error ?? undo.error} />
    </section>
  );
}

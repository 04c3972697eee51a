import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Caregiver, RecordingSummary } from '../../../../shared/domain/entities';
import type { HomeVisit, VisitQuestion } from '../../../../shared/domain/home-visits';
import { ACTIVITIES, VISIT_PHASES, type Activity, type VisitPhase } from '../../../../shared/domain/vocabulary';
import type { MethodInput } from '../../../../shared/api/contract';
import { useSavingCall } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { AutosaveCheckbox } from '../dossier/AutosaveCheckbox';
import { VisitFeedback } from '../feedback-session/VisitFeedback';

interface VisitItemProps {
  visit: HomeVisit;
  caregivers: readonly Caregiver[];
  /** Every question, archived ones too: an archived question shows where it has an answer. */
  questions: readonly VisitQuestion[];
  recordings: readonly RecordingSummary[];
  /** Unfolded when it first shows; after that the user folds and unfolds it. */
  startOpen: boolean;
  onRemove: () => void;
}

/** One home visit: every field saves itself; the summary line tells the visits apart when folded. */
export function VisitItem({ visit, caregivers, questions, recordings, startOpen, onRemove }: VisitItemProps) {
  const { t } = useTranslation();
  const [open] = useState(startOpen);
  const saving = useSavingCall();
  const update = (changes: Omit<MethodInput<'visits.update'>, 'id'>) => saving('visits.update', { id: visit.id, ...changes });
  const answers = new Map(visit.answers.map((answer) => [answer.questionId, answer.text]));
  const shown = questions.filter((q) => !q.archived || answers.has(q.id));
  const summary = [
    visit.date,
    t(`phases.${visit.phase}`),
    visit.durationMinutes !== null ? t('visits.minutes', { minutes: visit.durationMinutes }) : null,
    visit.activity !== null ? t(`activities.${visit.activity}`) : null,
    t('visits.recordingCount', { count: recordings.length }),
  ].filter(Boolean);

  return (
    <li aria-label={visit.date} className="visit-item">
      <details open={open}>
        <summary>
          <span className="visit-summary">{summary.join(' · ')}</span>
        </summary>
        <div role="group" aria-label={t('visits.visitOn', { date: visit.date })} className="visit-body">
          <div className="row">
            <AutosaveField label={t('visits.date')} type="date" value={visit.date} onSave={(date) => update({ date })} />
            <AutosaveField
              label={t('visits.phase')}
              type="select"
              options={VISIT_PHASES.map((value) => ({ value, label: t(`phases.${value}`) }))}
              value={visit.phase}
              onSave={(phase) => update({ phase: phase as VisitPhase })}
            />
            <AutosaveField
              label={t('visits.duration')}
              type="number"
              value={visit.durationMinutes === null ? '' : String(visit.durationMinutes)}
              // An emptied field clears the duration; anything else goes to the server as typed, which explains a bad one.
              onSave={(minutes) => update({ durationMinutes: minutes.trim() === '' ? null : Number(minutes) })}
            />
          </div>
          <fieldset className="visit-present">
            <legend>{t('visits.present')}</legend>
            {caregivers.length === 0 && <p className="help">{t('visits.noCaregivers')}</p>}
            {caregivers.map((caregiver) => (
              <AutosaveCheckbox
                key={caregiver.id}
                label={caregiver.label}
                checked={visit.presentCaregiverIds.includes(caregiver.id)}
                onSave={(present) => saving('visits.setPresent', { id: visit.id, caregiverId: caregiver.id, present })}
              />
            ))}
            <AutosaveField
              label={t('visits.othersPresent')}
              help={t('visits.othersHelp')}
              value={visit.othersPresent}
              maxLength={200}
              onSave={(othersPresent) => update({ othersPresent })}
            />
          </fieldset>
          <div className="row">
            <AutosaveField
              label={t('visits.activity')}
              type="select"
              options={[{ value: '', label: t('visits.noActivity') }, ...ACTIVITIES.map((value) => ({ value, label: t(`activities.${value}`) }))]}
              value={visit.activity ?? ''}
              onSave={(activity) => update({ activity: activity === '' ? null : (activity as Activity) })}
            />
            <AutosaveField label={t('visits.activityNote')} value={visit.activityNote} maxLength={200} onSave={(activityNote) => update({ activityNote })} />
            <AutosaveField label={t('visits.notes')} value={visit.notes} onSave={(notes) => update({ notes })} />
          </div>
          <fieldset className="visit-questions">
            <legend>{t('visits.questions')}</legend>
            <div className="visit-answers">
              {shown.map((question) => (
                <AutosaveField
                  key={question.id}
                  label={question.archived ? t('visits.archivedQuestion', { text: question.text }) : question.text}
                  type="textarea"
                  maxLength={4000}
                  value={answers.get(question.id) ?? ''}
                  onSave={(text) => saving('visits.answer', { id: visit.id, questionId: question.id, text })}
                />
              ))}
            </div>
          </fieldset>
          <h3 className="visit-subtitle">{t('visits.recordings')}</h3>
          {recordings.length === 0 ? (
            <p className="help">{t('visits.noRecordings')}</p>
          ) : (
            <ul className="plain-list" aria-label={t('visits.recordings')}>
              {recordings.map((recording) => (
                <li key={recording.id}>
                  <Link to={`/recordings/${recording.id}`}>
                    {recording.recordedOn} — {t(`activities.${recording.activity}`)} — {t(`moments.${recording.moment}`)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <VisitFeedback visit={visit} />
          <button type="button" className="link-button" onClick={onRemove}>
            {t('visits.remove', { date: visit.date })}
          </button>
        </div>
      </details>
    </li>
  );
}

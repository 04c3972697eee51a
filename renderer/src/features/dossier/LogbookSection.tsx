import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/domain/dates';
import { AGREEMENT_STATUSES, type AgreementStatus, type FamilyDossier, type LogbookEntry } from '../../../../shared/domain/dossier';
import { useApiMutation, useSavingCall } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../trends/format';

const NOT_AGREEMENT = 'geen';

/**
 * The agreements with the parents still open, for review (at follow-up above all): what became of
 * each is one click, and a closed one leaves this list but stays in the logbook.
 */
export function OpenAgreements({ dossier }: { dossier: FamilyDossier }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const update = useApiMutation('dossier.updateEntry');
  const open = dossier.logbook.filter((entry) => entry.agreement === 'open');
  const closing = AGREEMENT_STATUSES.filter((status) => status !== 'open');
  return (
    <section aria-labelledby={`${id}-title`} className={`card${dossier.currentPhase === 'follow-up' ? ' card--attention' : ''}`}>
      <h2 id={`${id}-title`}>{t('dossier.openTitle')}</h2>
      {dossier.currentPhase === 'follow-up' && <p>{t('dossier.openFollowUp')}</p>}
      {open.length === 0 ? (
        <p>{t('dossier.openNone')}</p>
      ) : (
        <>
          <p className="help">{t('dossier.openCount', { count: open.length })}</p>
          <ul className="plain-list" aria-label={t('dossier.openTitle')}>
            {open.map((entry) => (
              <li key={entry.id} aria-label={entry.text} className="agreement-row">
                <span>
                  <strong>{formatDate(entry.date, i18n.language)}</strong> {entry.text}
                </span>
                <span className="agreement-actions">
                  {closing.map((status) => (
                    <button
                      key={status}
                      type="button"
                      className="small"
                      disabled={update.isPending}
                      aria-label={t('dossier.markAs', { status: t(`agreementStatuses.${status}`), text: entry.text })}
                      onClick={() => update.mutate({ id: entry.id, agreement: status })}
                    >
                      {t(`agreementStatuses.${status}`)}
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorMessage error={update.error} />
    </section>
  );
}

function EntryRow({ entry }: { entry: LogbookEntry }) {
  const { t, i18n } = useTranslation();
  const saving = useSavingCall();
  const remove = useApiMutation('dossier.removeEntry');
  const statusOptions = [
    { value: NOT_AGREEMENT, label: t('dossier.notAgreement') },
    ...AGREEMENT_STATUSES.map((value) => ({ value, label: t(`agreementStatuses.${value}`) })),
  ];
  return (
    <li className="logbook-entry" aria-label={t('dossier.entryLabel', { date: formatDate(entry.date, i18n.language), author: entry.authorInitials ?? '—' })}>
      <div className="row">
        <AutosaveField label={t('dossier.date')} type="date" value={entry.date} onSave={(date) => saving('dossier.updateEntry', { id: entry.id, date })} />
        <AutosaveField
          label={t('dossier.agreementStatus')}
          type="select"
          options={statusOptions}
          value={entry.agreement ?? NOT_AGREEMENT}
          onSave={(value) => saving('dossier.updateEntry', { id: entry.id, agreement: value === NOT_AGREEMENT ? null : (value as AgreementStatus) })}
        />
        <span className="help logbook-author">{entry.authorInitials ?? ''}</span>
        <button type="button" className="link-button" onClick={() => remove.mutate({ id: entry.id })}>
          {t('dossier.remove', { date: formatDate(entry.date, i18n.language) })}
        </button>
      </div>
      <AutosaveField label={t('dossier.text')} type="textarea" value={entry.text} maxLength={4000} onSave={(text) => saving('dossier.updateEntry', { id: entry.id, text })} />
      <ErrorMessage error={remove.error} />
    </li>
  );
}

/** The begeleider's logbook: dated entries, each one possibly an agreement with the parents. */
export function LogbookSection({ dossier }: { dossier: FamilyDossier }) {
  const { t } = useTranslation();
  const id = useId();
  const add = useApiMutation('dossier.addEntry');
  const [date, setDate] = useState(localToday());
  const [text, setText] = useState('');
  const [agreement, setAgreement] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { familyId: dossier.familyId, date, text, agreement },
      {
        onSuccess: () => {
          clearIfUnchanged(setText, text, '');
          clearIfUnchanged(setAgreement, agreement, false);
        },
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('dossier.logbookTitle')}</h2>
      <form className="logbook-form" onSubmit={submit} aria-label={t('dossier.addForm')}>
        <div className="row">
          <div className="field field--date">
            <label htmlFor={`${id}-date`}>{t('dossier.date')}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <div className="field field--wide">
            <label htmlFor={`${id}-text`}>{t('dossier.text')}</label>
            <textarea id={`${id}-text`} rows={2} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
        </div>
        <label className="checkbox-inline">
          <input type="checkbox" checked={agreement} onChange={(e) => setAgreement(e.target.checked)} />
          {t('dossier.isAgreement')}
        </label>
        <button type="submit" disabled={add.isPending}>
          {t('dossier.add')}
        </button>
      </form>
      <ErrorMessage error={add.error} />
      {dossier.logbook.length === 0 ? (
        <p>{t('dossier.none')}</p>
      ) : (
        <ul className="plain-list" aria-label={t('dossier.entries')}>
          {dossier.logbook.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../trends/format';

/** On the family page: where the parents' form is filled in (tablet) or printed, and how far it is. */
export function EvaluationCard({ familyId }: { familyId: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const form = useApiQuery('evaluation.form', { familyId });
  if (form.error) return <ErrorMessage error={form.error} />;
  if (!form.data) return null;
  const f = form.data;
  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('evaluation.familyCard')}</h2>
      <p className="help">{t('evaluation.familyCardHelp')}</p>
      <p>
        {f.filledOn ? `${t('evaluation.filledOn', { date: formatDate(f.filledOn, i18n.language) })} · ${t('evaluation.answered', { count: f.answers.length })}` : t('evaluation.notFilled')}
      </p>
      <div className="row">
        <Link className="button" to={`/evaluation/form/${familyId}`}>
          {t('evaluation.open')}
        </Link>
        <Link to={`/evaluation/form/${familyId}/print`}>{t('evaluation.printFilled')}</Link>
        <Link to="/evaluation/blank">{t('evaluation.printBlank')}</Link>
      </div>
    </section>
  );
}

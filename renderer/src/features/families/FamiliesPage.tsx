import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FAMILY_PHASES, type FamilyPhase } from '../../../../shared/domain/vocabulary';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../trends/format';

type Status = 'active' | 'closed' | 'all';

export function FamiliesPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [phase, setPhase] = useState<FamilyPhase | ''>('');
  const [status, setStatus] = useState<Status>('active');
  const families = useApiQuery('families.list', { search: search.slice(0, 40), status, ...(phase ? { phase } : {}) });

  return (
    <section aria-labelledby="families-title">
      <div className="page-head">
        <h1 id="families-title">{t('families.title')}</h1>
        <Link className="button" to="/families/new">
          {t('families.new')}
        </Link>
      </div>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="family-search">{t('families.search')}</label>
          <input id="family-search" type="search" value={search} maxLength={40} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="family-phase">{t('families.filterPhase')}</label>
          <select id="family-phase" value={phase} onChange={(e) => setPhase(e.target.value as FamilyPhase | '')}>
            <option value="">{t('families.allPhases')}</option>
            {FAMILY_PHASES.map((value) => (
              <option key={value} value={value}>
                {t(`phases.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="family-status">{t('families.filterStatus')}</label>
          <select id="family-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="active">{t('families.statusActive')}</option>
            <option value="closed">{t('families.statusClosed')}</option>
            <option value="all">{t('families.statusAll')}</option>
          </select>
        </div>
      </div>
      <ErrorMessage error={families.error} />
      <table className="table">
        <caption className="visually-hidden">{t('families.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('families.code')}</th>
            <th scope="col">{t('families.phase')}</th>
            <th scope="col">{t('families.caregiversCount')}</th>
            <th scope="col">{t('families.visitsCount')}</th>
            <th scope="col">{t('families.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {(families.data ?? []).map((family) => (
            <tr key={family.id}>
              <th scope="row">
                <Link to={`/families/${family.id}`}>{family.code}</Link>
              </th>
              <td>
                {t(`phases.${family.phase}`)}
                {family.phaseSince && <span className="help"> · {t('families.phaseSince', { date: formatDate(family.phaseSince, i18n.language) })}</span>}
              </td>
              <td>{family.caregiverCount}</td>
              <td>{family.visitCount}</td>
              <td>{new Date(family.updatedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {families.data?.length === 0 && <p>{t('families.none')}</p>}
    </section>
  );
}

import { localToday } from '../../../../shared/domain/dates';
import type { HandlersFor } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { agreementCsv } from './agreement-csv';
import { buildAgreementOverview, describeAgreementFilters } from './agreement-service';

/**
 * The agreement page (METHOD_POLICIES: coordinator only). It aggregates over families, so each
 * call writes one team row (family empty) with how many recordings and families went in, rather
 * than a row in every family's log each time the page is opened — the trends overview's convention.
 */
export const agreementHandlers: HandlersFor<'agreement'> = {
  'agreement.overview': ({ filters }, ctx) => {
    const overview = buildAgreementOverview(ctx.db, filters);
    ctx.logTeamAccess(`overeenstemming: ${overview.recordingCount} opnamen, ${overview.familyCount} gezinnen; filters: ${describeAgreementFilters(filters)}`);
    return overview;
  },
  'agreement.exportCsv': ({ filters, dialect }, ctx) => {
    const overview = buildAgreementOverview(ctx.db, filters);
    // The local date, as in every export's file name (ctx.now is UTC: after 23:00 or 22:00 here it is tomorrow there).
    const file = agreementCsv(overview, dialect, localToday(new Date(ctx.now)));
    appendAccess(ctx.db, {
      at: ctx.now,
      rater: ctx.actor,
      familyId: null,
      action: 'export.agreement_csv',
      outcome: 'ok',
      detail: `${file.fileName}: ${overview.recordingCount} opnamen, ${overview.familyCount} gezinnen; filters: ${describeAgreementFilters(filters)}`,
    });
    return file;
  },
};

import type { HandlersFor } from '../../handler-context';
import { buildFamilyTrend, describeFilters } from './family-trend';
import { buildTeamOverview } from './team-overview';
import { exportCsv, exportFamilyPdf, exportTeamPdf, exportXlsx } from './trend-exports';
import { trendIndex } from './trend-index';

/** Coordinator trends and exports (METHOD_POLICIES: coordinator only; every call logged). */
export const trendHandlers: HandlersFor<'trends'> = {
  'trends.family': ({ familyId, filters }, ctx) => {
    const trend = buildFamilyTrend(ctx.db, trendIndex(ctx.db), familyId, filters);
    const recordings = new Set(trend.series.flatMap((series) => series.points.map((point) => point.recordingId)));
    ctx.logFamilyAccess(familyId, `verloop: ${recordings.size} opnamen; filters: ${describeFilters(filters)}`);
    return trend;
  },
  'trends.team': ({ filters }, ctx) => {
    const overview = buildTeamOverview(ctx.db, trendIndex(ctx.db), filters);
    // A team-level read: one row without a family (the screen shows codes and figures, no family
    // file), rather than a row in every family's log each time the overview is opened.
    ctx.logTeamAccess(`teamoverzicht: ${overview.familyCount} gezinnen, ${overview.lines.length} lijnen; filters: ${describeFilters(filters)}`);
    return overview;
  },
  'trends.exportCsv': ({ filters, familyId, dialect, language }, ctx) => exportCsv(ctx, { filters, familyId, dialect, language }),
  'trends.exportXlsx': ({ filters, familyId, language }, ctx) => exportXlsx(ctx, { filters, familyId, language }),
  'trends.exportFamilyPdf': ({ filters, familyId, language }, ctx) => exportFamilyPdf(ctx, { filters, familyId, language }),
  'trends.exportTeamPdf': ({ filters, language }, ctx) => exportTeamPdf(ctx, { filters, language }),
};

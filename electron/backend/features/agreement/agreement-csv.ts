import type { AgreementCsv, AgreementOverview, AgreementReading } from '../../../../shared/api/areas/agreement-methods';
import type { Stat } from '../../../../shared/stats/stat-result';
import { tableToCsv, type CsvDialect } from '../trends/csv-export';
import type { Column, Table } from '../trends/export-table';
import { raterPseudonym } from '../trends/export-table';

// The page's figures as one long CSV table (one row per figure), written with the same CSV rules
// as the trends exports: UTF-8 BOM, quoted text, formula-injection guard, comma or semicolon.
// Raters appear as their pseudonym (R + id), never by name.

interface FigureRow {
  section: string;
  scale: string;
  statistic: string;
  group: string;
  stat: Stat | null;
  value?: number | null;
  n: number;
  reading?: AgreementReading;
  rule?: string;
}

const lowerOf = (stat: Stat | null) => (stat?.ok ? (stat.lower ?? stat.bootstrap?.lower ?? null) : null);
const upperOf = (stat: Stat | null) => (stat?.ok ? (stat.upper ?? stat.bootstrap?.upper ?? null) : null);

const COLUMNS: Column<FigureRow>[] = [
  { header: 'section', kind: 'text', value: (r) => r.section, help: '' },
  { header: 'scale', kind: 'text', value: (r) => r.scale, help: '' },
  { header: 'statistic', kind: 'text', value: (r) => r.statistic, help: '' },
  { header: 'group', kind: 'text', value: (r) => r.group, help: '' },
  { header: 'value', kind: 'number', decimals: 4, value: (r) => (r.value !== undefined ? r.value : r.stat?.ok ? r.stat.value : null), help: '' },
  { header: 'ci_lower', kind: 'number', decimals: 4, value: (r) => lowerOf(r.stat), help: '' },
  { header: 'ci_upper', kind: 'number', decimals: 4, value: (r) => upperOf(r.stat), help: '' },
  { header: 'bootstrap_lower', kind: 'number', decimals: 4, value: (r) => (r.stat?.ok ? (r.stat.bootstrap?.lower ?? null) : null), help: '' },
  { header: 'bootstrap_upper', kind: 'number', decimals: 4, value: (r) => (r.stat?.ok ? (r.stat.bootstrap?.upper ?? null) : null), help: '' },
  { header: 'n', kind: 'number', value: (r) => r.n, help: '' },
  { header: 'reading', kind: 'text', value: (r) => (r.reading?.level ? `${r.reading.level} (${r.reading.scheme})` : ''), help: '' },
  { header: 'not_computable_reason', kind: 'text', value: (r) => (r.stat && !r.stat.ok ? r.stat.reason : ''), help: '' },
  { header: 'missing_data_rule', kind: 'text', value: (r) => r.rule ?? '', help: '' },
];

export function agreementFigureRows(overview: AgreementOverview): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const scale of overview.scales) {
    for (const s of scale.statistics) {
      rows.push({ section: 'statistics', scale: scale.scale, statistic: s.key, group: 'all', stat: s.stat, n: s.stat.n, reading: s.reading, rule: s.missingDataRule });
    }
    for (const comparison of scale.beforeAfter) {
      for (const g of comparison.groups) {
        rows.push({ section: 'before_after', scale: scale.scale, statistic: comparison.statistic, group: g.moment, stat: g.stat, n: g.itemCount, reading: g.reading });
      }
      for (const d of comparison.differences) {
        rows.push({ section: 'before_after', scale: scale.scale, statistic: comparison.statistic, group: `${d.to} - voormeting`, stat: d.stat, n: d.stat.n });
      }
    }
    for (const m of scale.meetings) {
      rows.push({ section: 'per_meeting', scale: scale.scale, statistic: 'ICC2', group: `${m.name} (${m.heldOn})`, stat: m.icc, n: m.itemCount });
    }
    for (const p of scale.pairs) {
      rows.push({
        section: 'pairwise_kappa_linear',
        scale: scale.scale,
        statistic: 'kappaLinear',
        group: `${raterPseudonym(p.raterA)} x ${raterPseudonym(p.raterB)}`,
        stat: p.kappa,
        n: p.n,
      });
    }
    for (const d of scale.deviations) {
      rows.push({ section: 'rater_deviation', scale: scale.scale, statistic: 'mean_deviation', group: raterPseudonym(d.raterId), stat: null, value: d.mean, n: d.n });
      for (const month of d.months) {
        rows.push({ section: 'rater_deviation', scale: scale.scale, statistic: 'mean_deviation', group: `${raterPseudonym(d.raterId)} ${month.month}`, stat: null, value: month.mean, n: month.n });
      }
    }
  }
  return rows;
}

export function agreementCsv(overview: AgreementOverview, dialect: CsvDialect, today: string): AgreementCsv {
  const table: Table<FigureRow> = { name: 'overeenstemming', columns: COLUMNS, rows: agreementFigureRows(overview) };
  return { fileName: `overeenstemming-${today}.csv`, mimeType: 'text/csv;charset=utf-8', content: tableToCsv(table, dialect) };
}

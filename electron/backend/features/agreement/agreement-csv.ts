import type { AgreementCsv, AgreementOverview, AgreementReading } from '../../../../shared/api/areas/agreement-methods';
import { tooFewForDifference, tooFewItems, tooFewItemsIn } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';
import { exportFileName } from '../../../../shared/domain/exports';
import { tableToCsv, type CsvDialect } from '../trends/csv-export';
import type { Column, Table } from '../trends/export-table';
import { raterPseudonym } from '../trends/export-table';

// The page's figures as one long CSV table (one row per figure), written with the same CSV rules
// as the trends exports: UTF-8 BOM, quoted text, formula-injection guard, comma or semicolon.
// Raters appear as their pseudonym (R + id), never by name. A figure on fewer than MIN_ITEMS
// items keeps its numbers (for whoever pools them further) but reads "te weinig items (n = …)"
// instead of a word, as on the page.

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
  /** The number of items when it is too few to read the figure (shared/stats/sample-size.ts). */
  tooFew?: number;
}

const few = (stat: Stat): number | undefined => (tooFewItems(stat) ? stat.n : undefined);
const fewIn = (n: number): number | undefined => (tooFewItemsIn(n) ? n : undefined);

function readingText(row: FigureRow): string {
  if (row.tooFew !== undefined) return `te weinig items (n = ${row.tooFew})`;
  return row.reading?.level ? `${row.reading.level} (${row.reading.scheme})` : '';
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
  { header: 'reading', kind: 'text', value: readingText, help: '' },
  { header: 'not_computable_reason', kind: 'text', value: (r) => (r.stat && !r.stat.ok ? r.stat.reason : ''), help: '' },
  { header: 'missing_data_rule', kind: 'text', value: (r) => r.rule ?? '', help: '' },
];

export function agreementFigureRows(overview: AgreementOverview): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const scale of overview.scales) {
    for (const s of scale.statistics) {
      rows.push({ section: 'statistics', scale: scale.scale, statistic: s.key, group: 'all', stat: s.stat, n: s.stat.n, reading: s.reading, rule: s.missingDataRule, tooFew: few(s.stat) });
    }
    for (const comparison of scale.beforeAfter) {
      for (const g of comparison.groups) {
        // A moment without (enough) items says so, also when its statistic failed for want of raters.
        const tooFew = few(g.stat) ?? fewIn(g.itemCount);
        rows.push({ section: 'before_after', scale: scale.scale, statistic: comparison.statistic, group: g.moment, stat: g.stat, n: g.itemCount, reading: g.reading, tooFew });
      }
      const pre = comparison.groups.find((g) => g.moment === 'voormeting');
      for (const d of comparison.differences) {
        const later = comparison.groups.find((g) => g.moment === d.to);
        const short = pre && later ? (tooFewForDifference(pre.stat, later.stat) ?? fewIn(Math.min(pre.itemCount, later.itemCount))) : undefined;
        rows.push({
          section: 'before_after',
          scale: scale.scale,
          statistic: comparison.statistic,
          group: `${d.to} - voormeting`,
          stat: d.stat,
          n: d.stat.n,
          tooFew: short ?? undefined,
        });
      }
    }
    for (const m of scale.meetings) {
      rows.push({ section: 'per_meeting', scale: scale.scale, statistic: 'ICC2', group: `${m.name} (${m.heldOn})`, stat: m.icc, n: m.itemCount, tooFew: few(m.icc) });
    }
    for (const p of scale.pairs) {
      rows.push({
        section: 'pairwise_kappa_linear',
        scale: scale.scale,
        statistic: 'kappaLinear',
        group: `${raterPseudonym(p.raterA)} x ${raterPseudonym(p.raterB)}`,
        stat: p.kappa,
        n: p.n,
        tooFew: few(p.kappa),
      });
    }
    for (const d of scale.deviations) {
      rows.push({ section: 'rater_deviation', scale: scale.scale, statistic: 'mean_deviation', group: raterPseudonym(d.raterId), stat: null, value: d.mean, n: d.n, tooFew: fewIn(d.n) });
      for (const month of d.months) {
        rows.push({
          section: 'rater_deviation',
          scale: scale.scale,
          statistic: 'mean_deviation',
          group: `${raterPseudonym(d.raterId)} ${month.month}`,
          stat: null,
          value: month.mean,
          n: month.n,
          tooFew: fewIn(month.n),
        });
      }
    }
  }
  return rows;
}

export function agreementCsv(overview: AgreementOverview, dialect: CsvDialect, today: string): AgreementCsv {
  const table: Table<FigureRow> = { name: 'overeenstemming', columns: COLUMNS, rows: agreementFigureRows(overview) };
  return { fileName: exportFileName({ subject: 'overeenstemming', date: today, dialect, extension: 'csv' }), mimeType: 'text/csv;charset=utf-8', content: tableToCsv(table, dialect) };
}

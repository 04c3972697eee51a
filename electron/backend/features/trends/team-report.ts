import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { TeamOverview } from '../../../../shared/domain/trends';
import { MIN_ITEMS } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';
import { dutchDate, MOMENT_NAMES, SCALE_COLORS, SCALE_NAMES } from './family-report';
import { describeFilters } from './family-trend';
import { drawSlopeChart } from './pdf-charts';
import { PdfCanvas } from './pdf-canvas';
import { CHANGE_BOOTSTRAP } from './team-overview';

const PDF_LIST_LIMIT = 60;
/** Below this many pairs an interval and an effect size say little (shared/stats/sample-size.ts); the report says so. */
export const SMALL_N = MIN_ITEMS;
const STATUS = { scored: 'gescoord', waiting: 'wacht op scores', no_recording: 'geen opname' } as const;

export function formatNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return value.toFixed(decimals).replace('.', ',');
}

export function formatStat(stat: Stat, decimals = 2): string {
  return stat.ok ? formatNumber(stat.value, decimals) : 'n.b.';
}

export function formatInterval(stat: Stat): string {
  if (!stat.ok || !stat.bootstrap) return '-';
  return `[${formatNumber(stat.bootstrap.lower)}; ${formatNumber(stat.bootstrap.upper)}]`;
}

/** The team overview as a report: same figures as the screen, lists cut at a readable length. */
export async function teamReportPdf(overview: TeamOverview, raterPseudonym: string | null, createdOn: string, createdAt: Date): Promise<Buffer> {
  const canvas = await PdfCanvas.create({ title: `Teamoverzicht ${createdOn}`, subject: 'Verandering voormeting - nameting - follow-up (Ainsworth-schalen)', createdAt });
  canvas.text('Teamoverzicht', { size: 20, bold: true });
  canvas.text('Verandering van voormeting naar nameting en follow-up: sensitiviteit en coöperatie', { size: 12, color: '#1f6f78' });
  canvas.space(4);
  const filters = describeFilters({ ...overview.filters, raterId: undefined });
  canvas.text(
    `Gemaakt op ${dutchDate(createdOn)}. ${overview.familyCount} gezinnen binnen de filters (${filters}${raterPseudonym ? `; alleen scores van beoordelaar ${raterPseudonym}` : ''}).`,
    { size: 9, color: '#5b6673' },
  );
  canvas.space(6);
  canvas.text(
    'Per ouder is de waarde op een meetmoment de consensusscore, of zonder consensus het gemiddelde van de blind gegeven scores, ' +
      'gemiddeld over de opnamen van dat moment. Alleen ingediende blinde scores van onthulde rondes tellen, door de beoordelaars ' +
      'van die ronde en voor ouders in beeld (oefenscores nooit); opnamen die nog in een blinde ronde zitten, tellen niet mee. ' +
      'De gemiddelde verandering heeft een 95%-bootstrapinterval ' +
      `(${CHANGE_BOOTSTRAP.resamples} trekkingen van hele gezinnen, vaste seed). Cohen's d_z = gemiddelde verandering / SD van de verandering; ` +
      "d_av = gemiddelde verandering / gemiddelde SD van voor en na. Alleen ouders met beide meetmomenten tellen mee (n).",
    { size: 8.5 },
  );

  canvas.heading('Gemiddelde verandering', 2);
  canvas.table(
    [
      { header: 'Schaal', width: 72 },
      { header: 'Van - naar', width: 110 },
      { header: 'n', width: 30, align: 'right' },
      { header: 'Voor', width: 38, align: 'right' },
      { header: 'Na', width: 38, align: 'right' },
      { header: 'Verandering [95%-BI]', width: 117, align: 'right' },
      { header: 'd_z', width: 45, align: 'right' },
      { header: 'd_av', width: 45, align: 'right' },
    ],
    overview.changes.map((change) => [
      SCALE_NAMES[change.scale],
      `voormeting - ${change.to}`,
      String(change.n),
      formatNumber(change.meanFrom),
      formatNumber(change.meanTo),
      `${formatStat(change.meanChange)} ${formatInterval(change.meanChange)}`,
      formatStat(change.dz),
      formatStat(change.dav),
    ]),
  );

  if (overview.changes.some((change) => change.n > 0 && change.n < SMALL_N)) {
    canvas.space(3);
    canvas.text(`Minder dan ${SMALL_N} ouders met beide meetmomenten: lees interval en effectgrootte als een grove indicatie.`, { size: 8.5, color: '#a4262c' });
  }

  canvas.ensureSpace(260);
  canvas.heading('Per ouder: voormeting, nameting, follow-up', 2);
  const top = canvas.y;
  const half = (canvas.width - 16) / 2;
  SCALE_KEYS.forEach((scale, i) =>
    drawSlopeChart(
      canvas,
      { x: canvas.left + i * (half + 16), y: top, width: half, height: 230 },
      `${SCALE_NAMES[scale]} (${overview.lines.filter((line) => line.scale === scale).length} ouders)`,
      scale,
      SCALE_COLORS[scale],
      overview.lines.filter((line) => line.scale === scale),
    ),
  );
  canvas.y = top + 238;
  canvas.text('Dunne lijnen: één ouder; dikke lijn: gemiddelde per meetmoment over de ouders met een waarde daar.', { size: 8, color: '#5b6673' });

  canvas.heading('Gezinnen per fase (alle gezinnen)', 2);
  canvas.table(
    [
      { header: 'Fase', width: 150 },
      { header: 'Gezinnen', width: 80, align: 'right' },
    ],
    overview.phaseCounts.map((entry) => [entry.phase, String(entry.count)]),
  );

  canvas.heading(`Opnamen die wachten op scores (${overview.waiting.total})`, 2);
  if (overview.waiting.total === 0) canvas.text('Geen.', { size: 9 });
  else {
    canvas.table(
      [
        { header: 'Gezin', width: 90 },
        { header: 'Datum', width: 70 },
        { header: 'Meetmoment', width: 90 },
        { header: 'Activiteit', width: 80 },
        { header: 'Status', width: 165 },
      ],
      overview.waiting.items.slice(0, PDF_LIST_LIMIT).map((item) => [
        item.familyCode,
        dutchDate(item.recordedOn),
        MOMENT_NAMES[item.moment] ?? item.moment,
        item.activity,
        item.status === 'blind_round' ? 'in een blinde ronde' : 'nog niet (volledig) gescoord',
      ]),
    );
    if (overview.waiting.total > PDF_LIST_LIMIT) canvas.text(`… en nog ${overview.waiting.total - PDF_LIST_LIMIT}; zie het scherm of de export.`, { size: 8.5 });
  }

  canvas.heading(`Gezinnen met een ontbrekend meetmoment (${overview.missing.total})`, 2);
  if (overview.missing.total === 0) canvas.text('Geen.', { size: 9 });
  else {
    canvas.table(
      [
        { header: 'Gezin', width: 90 },
        { header: 'Fase', width: 80 },
        { header: 'Voormeting', width: 108 },
        { header: 'Nameting', width: 108 },
        { header: 'Follow-up', width: 109 },
      ],
      overview.missing.items.slice(0, PDF_LIST_LIMIT).map((item) => [item.familyCode, item.phase, STATUS[item.voormeting], STATUS[item.nameting], STATUS[item.followUp]]),
    );
    if (overview.missing.total > PDF_LIST_LIMIT) canvas.text(`… en nog ${overview.missing.total - PDF_LIST_LIMIT}; zie het scherm of de export.`, { size: 8.5 });
  }
  canvas.footer(`Afstemming · teamoverzicht · ${dutchDate(createdOn)} · vertrouwelijk, alleen gezinscodes`);
  return canvas.finish();
}

import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { TeamOverview } from '../../../../shared/domain/trends';
import { MIN_ITEMS } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';
import type { ExportLanguage } from '../../../../shared/domain/exports';
import { headerLabel, type HeaderKey } from './export-headers';
import { SCALE_COLORS } from './family-report';
import { describeFilters } from './family-trend';
import { drawSlopeChart } from './pdf-charts';
import { PdfCanvas } from './pdf-canvas';
import { formatNumberIn, REPORT_WORDS, type ReportWords } from './report-words';
import { CHANGE_BOOTSTRAP } from './team-overview';

const PDF_LIST_LIMIT = 60;
/** Below this many pairs an interval and an effect size say little (shared/stats/sample-size.ts); the report says so. */
export const SMALL_N = MIN_ITEMS;

export function formatNumber(value: number | null | undefined, decimals = 2): string {
  return formatNumberIn(REPORT_WORDS.nl, value, decimals);
}

export function formatStat(stat: Stat, decimals = 2, words: ReportWords = REPORT_WORDS.nl): string {
  return stat.ok ? formatNumberIn(words, stat.value, decimals) : words === REPORT_WORDS.en ? 'n/a' : 'n.b.';
}

export function formatInterval(stat: Stat, words: ReportWords = REPORT_WORDS.nl): string {
  if (!stat.ok || !stat.bootstrap) return '-';
  return `[${formatNumberIn(words, stat.bootstrap.lower)}; ${formatNumberIn(words, stat.bootstrap.upper)}]`;
}

const TEXT = {
  nl: {
    title: (date: string) => `Teamoverzicht ${date}`,
    subject: 'Verandering voormeting - nameting - follow-up (Ainsworth-schalen)',
    heading: 'Teamoverzicht',
    subtitle: 'Verandering van voormeting naar nameting en follow-up: sensitiviteit en coöperatie',
    made: (date: string, count: number, filters: string, rater: string | null) =>
      `Gemaakt op ${date}. ${count} gezinnen binnen de filters (${filters}${rater ? `; alleen scores van beoordelaar ${rater}` : ''}).`,
    chosen: (codes: string) => `Gekozen gezinnen: ${codes}.`,
    method: (resamples: number) =>
      'Per ouder is de waarde op een meetmoment de consensusscore, of zonder consensus het gemiddelde van de blind gegeven scores, ' +
      'gemiddeld over de opnamen van dat moment. Alleen ingediende blinde scores van onthulde rondes tellen, door de beoordelaars ' +
      'van die ronde en voor ouders in beeld (oefenscores nooit); opnamen die nog in een blinde ronde zitten, tellen niet mee. ' +
      'De gemiddelde verandering heeft een 95%-bootstrapinterval ' +
      `(${resamples} trekkingen van hele gezinnen, vaste seed). Cohen's d_z = gemiddelde verandering / SD van de verandering; ` +
      'd_av = gemiddelde verandering / gemiddelde SD van voor en na. Alleen ouders met beide meetmomenten tellen mee (n).',
    change: 'Gemiddelde verandering',
    smallN: (n: number) => `Minder dan ${n} ouders met beide meetmomenten: lees interval en effectgrootte als een grove indicatie.`,
    perCaregiver: 'Per ouder: voormeting, nameting, follow-up',
    slopeTitle: (scale: string, count: number) => `${scale} (${count} ouders)`,
    slopeNote: 'Dunne lijnen: één ouder; dikke lijn: gemiddelde per meetmoment over de ouders met een waarde daar.',
    phases: 'Gezinnen per fase (alle gezinnen)',
    waiting: (count: number) => `Opnamen die wachten op scores (${count})`,
    waitingStatus: { blind_round: 'in een blinde ronde', unscored: 'nog niet (volledig) gescoord' },
    missing: (count: number) => `Gezinnen met een ontbrekend meetmoment (${count})`,
    status: { scored: 'gescoord', waiting: 'wacht op scores', no_recording: 'geen opname' },
    footer: (date: string) => `Afstemming · teamoverzicht · ${date} · vertrouwelijk, alleen gezinscodes`,
  },
  en: {
    title: (date: string) => `Team overview ${date}`,
    subject: 'Change pre-test - post-test - follow-up (Ainsworth scales)',
    heading: 'Team overview',
    subtitle: 'Change from pre-test to post-test and follow-up: sensitivity and cooperation',
    made: (date: string, count: number, filters: string, rater: string | null) =>
      `Made on ${date}. ${count} families within the filters (${filters}${rater ? `; only scores of rater ${rater}` : ''}).`,
    chosen: (codes: string) => `Chosen families: ${codes}.`,
    method: (resamples: number) =>
      "Per caregiver the value at a measurement moment is the consensus score or, without a consensus, the mean of the blind scores, " +
      'averaged over the recordings of that moment. Only submitted blind scores of revealed rounds count, by the raters of that round ' +
      'and for caregivers in view (practice scores never); recordings still in a blind round do not count. ' +
      'The mean change has a 95% bootstrap interval ' +
      `(${resamples} resamples of whole families, fixed seed). Cohen's d_z = mean change / SD of the change; ` +
      'd_av = mean change / mean SD of before and after. Only caregivers with both moments count (n).',
    change: 'Mean change',
    smallN: (n: number) => `Fewer than ${n} caregivers with both moments: read interval and effect size as a rough indication.`,
    perCaregiver: 'Per caregiver: pre-test, post-test, follow-up',
    slopeTitle: (scale: string, count: number) => `${scale} (${count} caregivers)`,
    slopeNote: 'Thin lines: one caregiver; thick line: mean per moment over the caregivers with a value there.',
    phases: 'Families per phase (all families)',
    waiting: (count: number) => `Recordings waiting for scores (${count})`,
    waitingStatus: { blind_round: 'in a blind round', unscored: 'not (fully) scored yet' },
    missing: (count: number) => `Families with a missing measurement moment (${count})`,
    status: { scored: 'scored', waiting: 'waiting for scores', no_recording: 'no recording' },
    footer: (date: string) => `Afstemming · team overview · ${date} · confidential, family codes only`,
  },
} as const;

/**
 * The team overview as a report: same figures as the screen, lists cut at a readable length.
 * `chosenCodes`: the families of the family filter, named so the reader knows whose figures these are.
 */
export async function teamReportPdf(
  overview: TeamOverview,
  raterPseudonym: string | null,
  createdOn: string,
  createdAt: Date,
  language: ExportLanguage = 'nl',
  chosenCodes: readonly string[] | null = null,
): Promise<Buffer> {
  const w = REPORT_WORDS[language];
  const x = TEXT[language];
  const h = (key: HeaderKey) => headerLabel(key, language);
  const number = (value: number | null | undefined) => formatNumberIn(w, value);
  const canvas = await PdfCanvas.create({ title: x.title(createdOn), subject: x.subject, createdAt });
  canvas.text(x.heading, { size: 20, bold: true });
  canvas.text(x.subtitle, { size: 12, color: '#1f6f78' });
  canvas.space(4);
  const filters = describeFilters({ ...overview.filters, raterId: undefined, familyIds: undefined }, language);
  canvas.text(x.made(w.date(createdOn), overview.familyCount, filters, raterPseudonym), { size: 9, color: '#5b6673' });
  if (chosenCodes) canvas.text(x.chosen(chosenCodes.join(', ')), { size: 9, color: '#5b6673' });
  canvas.space(6);
  canvas.text(x.method(CHANGE_BOOTSTRAP.resamples), { size: 8.5 });

  canvas.heading(x.change, 2);
  canvas.table(
    [
      { header: h('scale'), width: 72 },
      { header: h('comparison'), width: 110 },
      { header: h('n'), width: 30, align: 'right' },
      { header: h('before'), width: 38, align: 'right' },
      { header: h('after'), width: 38, align: 'right' },
      { header: h('meanChange'), width: 117, align: 'right' },
      { header: h('dz'), width: 45, align: 'right' },
      { header: h('dav'), width: 45, align: 'right' },
    ],
    overview.changes.map((change) => [
      w.scales[change.scale],
      `${w.moments.voormeting} - ${w.moments[change.to]}`,
      String(change.n),
      number(change.meanFrom),
      number(change.meanTo),
      `${formatStat(change.meanChange, 2, w)} ${formatInterval(change.meanChange, w)}`,
      formatStat(change.dz, 2, w),
      formatStat(change.dav, 2, w),
    ]),
  );

  if (overview.changes.some((change) => change.n > 0 && change.n < SMALL_N)) {
    canvas.space(3);
    canvas.text(x.smallN(SMALL_N), { size: 8.5, color: '#a4262c' });
  }

  canvas.ensureSpace(260);
  canvas.heading(x.perCaregiver, 2);
  const top = canvas.y;
  const half = (canvas.width - 16) / 2;
  SCALE_KEYS.forEach((scale, i) =>
    drawSlopeChart(
      canvas,
      { x: canvas.left + i * (half + 16), y: top, width: half, height: 230 },
      x.slopeTitle(w.scales[scale], overview.lines.filter((line) => line.scale === scale).length),
      scale,
      SCALE_COLORS[scale],
      overview.lines.filter((line) => line.scale === scale),
      w,
    ),
  );
  canvas.y = top + 238;
  canvas.text(x.slopeNote, { size: 8, color: '#5b6673' });

  canvas.heading(x.phases, 2);
  canvas.table(
    [
      { header: h('familyPhase'), width: 150 },
      { header: h('families'), width: 80, align: 'right' },
    ],
    overview.phaseCounts.map((entry) => [w.familyPhases[entry.phase], String(entry.count)]),
  );

  canvas.heading(x.waiting(overview.waiting.total), 2);
  if (overview.waiting.total === 0) canvas.text(w.none, { size: 9 });
  else {
    canvas.table(
      [
        { header: h('familyCode'), width: 90 },
        { header: h('recordingDate'), width: 70 },
        { header: h('moment'), width: 90 },
        { header: h('activity'), width: 80 },
        { header: h('status'), width: 165 },
      ],
      overview.waiting.items
        .slice(0, PDF_LIST_LIMIT)
        .map((item) => [item.familyCode, w.date(item.recordedOn), w.moments[item.moment], w.activities[item.activity], x.waitingStatus[item.status]]),
    );
    if (overview.waiting.total > PDF_LIST_LIMIT) canvas.text(w.more(overview.waiting.total - PDF_LIST_LIMIT), { size: 8.5 });
  }

  canvas.heading(x.missing(overview.missing.total), 2);
  if (overview.missing.total === 0) canvas.text(w.none, { size: 9 });
  else {
    canvas.table(
      [
        { header: h('familyCode'), width: 90 },
        { header: h('familyPhase'), width: 80 },
        { header: h('voormeting'), width: 108 },
        { header: h('nameting'), width: 108 },
        { header: h('followUp'), width: 109 },
      ],
      overview.missing.items
        .slice(0, PDF_LIST_LIMIT)
        .map((item) => [item.familyCode, w.familyPhases[item.phase], x.status[item.voormeting], x.status[item.nameting], x.status[item.followUp]]),
    );
    if (overview.missing.total > PDF_LIST_LIMIT) canvas.text(w.more(overview.missing.total - PDF_LIST_LIMIT), { size: 8.5 });
  }
  canvas.footer(x.footer(w.date(createdOn)));
  return canvas.finish();
}

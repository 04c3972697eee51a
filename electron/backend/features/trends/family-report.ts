import { SCALE_KEYS, ANCHOR_POINTS, anchorFor, type ScaleKey } from '../../../../shared/domain/scales';
import type { AnchorSet } from '../../../../shared/domain/scoring';
import type { FamilyTrend, TrendPoint, TrendSeries } from '../../../../shared/domain/trends';
import type { CaregiverRole } from '../../../../shared/domain/vocabulary';
import type { ExportLanguage } from '../../../../shared/domain/exports';
import { headerLabel, type HeaderKey } from './export-headers';
import { describeFilters } from './family-trend';
import { drawTrendChart } from './pdf-charts';
import { PdfCanvas } from './pdf-canvas';
import { formatScoreIn, REPORT_WORDS } from './report-words';

// The report for the treating clinician: per parent the course of both scales over the
// measurement moments, the scores with their dates, and what the scales mean. Pseudonymous: the
// family code, the parent's role and the baby's age; no names of parents or raters.

export const SCALE_NAMES: Record<ScaleKey, string> = REPORT_WORDS.nl.scales;
export const SCALE_COLORS: Record<ScaleKey, string> = { sensitivity: '#1f6f78', cooperation: '#b35c00' };
export const ROLE_NAMES: Record<CaregiverRole, string> = REPORT_WORDS.nl.roles;
export const MOMENT_NAMES: Record<string, string> = REPORT_WORDS.nl.moments;

export function dutchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

/** "Moeder", or "Moeder 1" / "Moeder 2" when a family has two parents in the same role. */
export function roleNames(series: readonly Pick<TrendSeries, 'caregiverId' | 'role'>[], roles: Record<CaregiverRole, string> = ROLE_NAMES): Map<number, string> {
  const ids = [...new Map(series.map((s) => [s.caregiverId, s.role])).entries()];
  const names = new Map<number, string>();
  for (const [id, role] of ids) {
    const same = ids.filter(([, other]) => other === role);
    names.set(id, same.length > 1 ? `${roles[role]} ${same.findIndex(([other]) => other === id) + 1}` : roles[role]);
  }
  return names;
}

export function sourceText(point: TrendPoint, language: ExportLanguage = 'nl'): string {
  const en = language === 'en';
  if (point.source === 'blind_round') return en ? 'still in a blind round' : 'nog in een blinde ronde';
  if (point.source === 'none') return en ? 'no score yet' : 'nog geen score';
  const range = point.min !== null && point.max !== null ? ` (${point.min === point.max ? point.min : `${point.min}-${point.max}`})` : '';
  if (point.source === 'consensus') return point.scoreCount > 0 ? `consensus; ${point.raterCount} ${en ? 'raters' : 'beoordelaars'}${range}` : 'consensus';
  return en
    ? `mean of ${point.scoreCount} blind score${point.scoreCount === 1 ? '' : 's'}${range}`
    : `gemiddelde van ${point.scoreCount} blinde score${point.scoreCount === 1 ? '' : 's'}${range}`;
}

const TEXT = {
  nl: {
    title: (code: string) => `Rapport gezin ${code}`,
    subject: 'Verloop van de ouder-kindinteractie (Ainsworth-schalen)',
    heading: (code: string) => `Gezin ${code}`,
    subtitle: 'Verloop van de ouder-kindinteractie: sensitiviteit en coöperatie',
    made: (date: string, birthMonth: string, phase: string, filters: string) =>
      `Rapport voor de behandelaar, gemaakt op ${date}. Geboortemaand baby: ${birthMonth}. Huidige fase: ${phase}. Filters: ${filters}.`,
    howToRead: 'Zo leest u dit rapport',
    guide:
      'Beoordelaars scoren video-opnamen van verzorgingsmomenten op twee schalen van Ainsworth, van 1 tot 9; hoger is een beter ' +
      'afgestemde interactie, en 7 of hoger (groen) is het sensitieve bereik. Per opname staat de consensusscore van de intervisie ' +
      '(gevulde stip) of, als er geen consensus is, het gemiddelde van de blind gegeven scores (open stip, als zodanig benoemd). De ' +
      'lichte band toont de spreiding tussen beoordelaars. V = voormeting, N = nameting, F = follow-up, - = opname zonder meetmoment. ' +
      'Een opname zonder score blijft een gat; er wordt niets ingevuld. Streepjes onder de as zijn huisbezoeken; de gekleurde vlakken de fasen.',
    blindCount: (count: number) => `${count} opname(n) van dit gezin zitten nog in een blinde scoringsronde en tellen pas mee na het onthullen.`,
    noCaregivers: 'Er zijn (binnen deze filters) geen ouders of verzorgers met opnamen.',
    caregiver: 'Ouder',
    notFilmed: 'Nog niet gefilmd binnen deze filters.',
    scoredOf: (scored: number, total: number) => `${scored} van ${total}`,
    scalesHeading: 'De twee schalen',
    anchorVersion: (version: number) => ` (ankerteksten versie ${version})`,
    evenScore: 'Een even score ligt tussen de twee beschreven punten eromheen.',
    footer: (code: string, date: string) => `Afstemming · gezin ${code} · ${date} · vertrouwelijk, zonder namen`,
  },
  en: {
    title: (code: string) => `Report family ${code}`,
    subject: 'Course of the parent-child interaction (Ainsworth scales)',
    heading: (code: string) => `Family ${code}`,
    subtitle: 'Course of the parent-child interaction: sensitivity and cooperation',
    made: (date: string, birthMonth: string, phase: string, filters: string) =>
      `Report for the clinician, made on ${date}. Baby's month of birth: ${birthMonth}. Current phase: ${phase}. Filters: ${filters}.`,
    howToRead: 'How to read this report',
    guide:
      'Raters score video recordings of care moments on two Ainsworth scales, from 1 to 9; higher is a better attuned interaction, ' +
      'and 7 or higher (green) is the sensitive range. Each recording shows the consensus score of the peer review meeting (filled dot) ' +
      'or, without a consensus, the mean of the blind scores (open dot, named as such). The light band shows the spread between raters. ' +
      'V = pre-test (voormeting), N = post-test (nameting), F = follow-up, - = recording without a measurement moment. A recording ' +
      'without a score stays a gap; nothing is filled in. Ticks below the axis are home visits; the coloured areas the phases.',
    blindCount: (count: number) => `${count} recording(s) of this family are still in a blind scoring round and only count once it is revealed.`,
    noCaregivers: 'There are no parents or caregivers with recordings (within these filters).',
    caregiver: 'Parent',
    notFilmed: 'Not filmed yet within these filters.',
    scoredOf: (scored: number, total: number) => `${scored} of ${total}`,
    scalesHeading: 'The two scales',
    anchorVersion: (version: number) => ` (anchor texts version ${version})`,
    evenScore: 'An even score lies between the two described points around it.',
    footer: (code: string, date: string) => `Afstemming · family ${code} · ${date} · confidential, no names`,
  },
} as const;

export async function familyReportPdf(
  trend: FamilyTrend,
  anchors: readonly AnchorSet[],
  createdOn: string,
  createdAt: Date,
  language: ExportLanguage = 'nl',
): Promise<Buffer> {
  const w = REPORT_WORDS[language];
  const x = TEXT[language];
  const h = (key: HeaderKey) => headerLabel(key, language);
  const canvas = await PdfCanvas.create({ title: x.title(trend.family.code), subject: x.subject, createdAt });
  canvas.text(x.heading(trend.family.code), { size: 20, bold: true });
  canvas.text(x.subtitle, { size: 12, color: '#1f6f78' });
  canvas.space(4);
  canvas.text(x.made(w.date(createdOn), trend.family.babyBirthMonth, w.familyPhases[trend.family.phase], describeFilters(trend.filters, language)), { size: 9, color: '#5b6673' });
  canvas.space(8);

  canvas.heading(x.howToRead, 3);
  canvas.text(x.guide, { size: 9 });
  if (trend.blindRecordingCount > 0) {
    canvas.space(3);
    canvas.text(x.blindCount(trend.blindRecordingCount), { size: 9, color: '#a4262c' });
  }

  const names = roleNames(trend.series, w.roles);
  const allDates = [...trend.visits.map((v) => v.date), ...trend.series.flatMap((s) => s.points.map((p) => p.recordedOn))].sort();
  const from = allDates[0] ?? createdOn;
  const to = allDates.at(-1) ?? createdOn;
  const caregivers = [...new Set(trend.series.map((s) => s.caregiverId))];
  if (caregivers.length === 0) {
    canvas.space(10);
    canvas.text(x.noCaregivers, { size: 10 });
  }
  for (const caregiverId of caregivers) {
    const own = trend.series.filter((s) => s.caregiverId === caregiverId);
    canvas.ensureSpace(380);
    canvas.heading(names.get(caregiverId) ?? x.caregiver, 2);
    if (own.every((s) => s.points.length === 0)) {
      canvas.text(x.notFilmed, { size: 9.5 });
      continue;
    }
    for (const series of own) {
      const top = canvas.y;
      drawTrendChart(
        canvas,
        { x: canvas.left, y: top, width: canvas.width, height: 150 },
        {
          title: w.scales[series.scale],
          scale: series.scale,
          color: SCALE_COLORS[series.scale],
          points: series.points,
          visits: trend.visits,
          spans: trend.phaseSpans,
          from,
          to,
          birthMonth: trend.family.babyBirthMonth,
          words: w,
        },
      );
      canvas.y = top + 154;
    }
    const moments = SCALE_KEYS.map((scale) => own.find((s) => s.scale === scale)?.moments ?? []);
    canvas.ensureSpace(60);
    canvas.table(
      [
        { header: h('moment'), width: 120 },
        { header: h('sensitivity'), width: 100, align: 'right' },
        { header: h('cooperation'), width: 100, align: 'right' },
        { header: h('scoredRecordings'), width: 175 },
      ],
      (['voormeting', 'nameting', 'follow-up'] as const).map((moment, i) => {
        const [s, c] = [moments[0]?.[i], moments[1]?.[i]];
        const show = (value: number | null | undefined) => (value === null || value === undefined ? w.missing : formatScoreIn(w, Math.round(value * 10) / 10));
        return [w.moments[moment], show(s?.value), show(c?.value), x.scoredOf(s?.scoredRecordings ?? 0, s?.recordings ?? 0)];
      }),
    );
    canvas.space(6);
    const points = own[0]?.points ?? [];
    canvas.ensureSpace(60);
    canvas.table(
      [
        { header: h('recordingDate'), width: 66 },
        { header: h('babyAgeMonths'), width: 50, align: 'right' },
        { header: h('moment'), width: 62 },
        { header: h('activity'), width: 52 },
        { header: h('sensitivity'), width: 58, align: 'right' },
        { header: h('cooperation'), width: 58, align: 'right' },
        { header: h('source'), width: 149 },
      ],
      points.map((point, i) => {
        const other = own.find((s) => s.scale === 'cooperation')?.points[i];
        const show = (p: TrendPoint | undefined) => (p && p.value !== null ? formatScoreIn(w, Math.round(p.value * 10) / 10) : w.noValue);
        const sources = [...new Set([sourceText(point, language), other ? sourceText(other, language) : ''].filter(Boolean))].join(' / ');
        return [w.date(point.recordedOn), String(point.ageMonths), w.moments[point.moment], w.activities[point.activity], show(point), show(other), sources];
      }),
    );
  }

  canvas.ensureSpace(200);
  canvas.heading(x.scalesHeading, 2);
  for (const scale of SCALE_KEYS) {
    const set = anchors.find((a) => a.scale === scale);
    canvas.ensureSpace(90);
    canvas.heading(`${w.scales[scale]}${set ? x.anchorVersion(set.version) : ''}`, 3);
    if (!set) continue;
    for (const point of [...ANCHOR_POINTS].reverse()) {
      // An anchor text in English where the set has one, else the Dutch one (as on the score page).
      const anchor = anchorFor(set.texts, point, language);
      canvas.ensureSpace(30);
      canvas.text(`${point} - ${anchor.title}. ${anchor.text}`, { size: 8.5 });
      canvas.space(2);
    }
    canvas.text(x.evenScore, { size: 8.5, color: '#5b6673' });
  }
  canvas.footer(x.footer(trend.family.code, w.date(createdOn)));
  return canvas.finish();
}

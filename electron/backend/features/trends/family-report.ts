import { SCALE_KEYS, ANCHOR_POINTS, type ScaleKey } from '../../../../shared/domain/scales';
import type { AnchorSet } from '../../../../shared/domain/scoring';
import type { FamilyTrend, TrendPoint, TrendSeries } from '../../../../shared/domain/trends';
import type { CaregiverRole } from '../../../../shared/domain/vocabulary';
import { describeFilters } from './family-trend';
import { drawTrendChart, formatScore } from './pdf-charts';
import { PdfCanvas } from './pdf-canvas';

// The report for the treating clinician: per parent the course of both scales over the
// measurement moments, the scores with their dates, and what the scales mean. Pseudonymous: the
// family code, the parent's role and the baby's age; no names of parents or raters.

export const SCALE_NAMES: Record<ScaleKey, string> = { sensitivity: 'Sensitiviteit', cooperation: 'Coöperatie' };
export const SCALE_COLORS: Record<ScaleKey, string> = { sensitivity: '#1f6f78', cooperation: '#b35c00' };
export const ROLE_NAMES: Record<CaregiverRole, string> = { moeder: 'Moeder', vader: 'Vader', partner: 'Partner', anders: 'Ouder/verzorger' };
export const MOMENT_NAMES: Record<string, string> = { voormeting: 'voormeting', nameting: 'nameting', 'follow-up': 'follow-up', geen: 'geen meetmoment' };
const ACTIVITY_NAMES: Record<string, string> = { bad: 'bad', voeden: 'voeden', verschonen: 'verschonen', spelen: 'spelen', anders: 'anders' };

export function dutchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

/** "Moeder", or "Moeder 1" / "Moeder 2" when a family has two parents in the same role. */
export function roleNames(series: readonly Pick<TrendSeries, 'caregiverId' | 'role'>[]): Map<number, string> {
  const ids = [...new Map(series.map((s) => [s.caregiverId, s.role])).entries()];
  const names = new Map<number, string>();
  for (const [id, role] of ids) {
    const same = ids.filter(([, other]) => other === role);
    names.set(id, same.length > 1 ? `${ROLE_NAMES[role]} ${same.findIndex(([other]) => other === id) + 1}` : ROLE_NAMES[role]);
  }
  return names;
}

export function sourceText(point: TrendPoint): string {
  if (point.source === 'blind_round') return 'nog in een blinde ronde';
  if (point.source === 'none') return 'nog geen score';
  const range = point.min !== null && point.max !== null ? ` (${point.min === point.max ? point.min : `${point.min}-${point.max}`})` : '';
  if (point.source === 'consensus') return point.scoreCount > 0 ? `consensus; ${point.raterCount} beoordelaars${range}` : 'consensus';
  return `gemiddelde van ${point.scoreCount} blinde score${point.scoreCount === 1 ? '' : 's'}${range}`;
}

export async function familyReportPdf(trend: FamilyTrend, anchors: readonly AnchorSet[], createdOn: string, createdAt: Date): Promise<Buffer> {
  const canvas = await PdfCanvas.create({ title: `Rapport gezin ${trend.family.code}`, subject: 'Verloop van de ouder-kindinteractie (Ainsworth-schalen)', createdAt });
  canvas.text(`Gezin ${trend.family.code}`, { size: 20, bold: true });
  canvas.text('Verloop van de ouder-kindinteractie: sensitiviteit en coöperatie', { size: 12, color: '#1f6f78' });
  canvas.space(4);
  canvas.text(
    `Rapport voor de behandelaar, gemaakt op ${dutchDate(createdOn)}. Geboortemaand baby: ${trend.family.babyBirthMonth}. ` +
      `Huidige fase: ${trend.family.phase}. Filters: ${describeFilters(trend.filters)}.`,
    { size: 9, color: '#5b6673' },
  );
  canvas.space(8);

  canvas.heading('Zo leest u dit rapport', 3);
  canvas.text(
    'Beoordelaars scoren video-opnamen van verzorgingsmomenten op twee schalen van Ainsworth, van 1 tot 9; hoger is een beter ' +
      'afgestemde interactie, en 7 of hoger (groen) is het sensitieve bereik. Per opname staat de consensusscore van de intervisie ' +
      '(gevulde stip) of, als er geen consensus is, het gemiddelde van de blind gegeven scores (open stip, als zodanig benoemd). De ' +
      'lichte band toont de spreiding tussen beoordelaars. V = voormeting, N = nameting, F = follow-up, - = opname zonder meetmoment. ' +
      'Een opname zonder score blijft een gat; er wordt niets ingevuld. Streepjes onder de as zijn huisbezoeken; de gekleurde vlakken de fasen.',
    { size: 9 },
  );
  if (trend.blindRecordingCount > 0) {
    canvas.space(3);
    canvas.text(
      `${trend.blindRecordingCount} opname(n) van dit gezin zitten nog in een blinde scoringsronde en tellen pas mee na het onthullen.`,
      { size: 9, color: '#a4262c' },
    );
  }

  const names = roleNames(trend.series);
  const allDates = [...trend.visits.map((v) => v.date), ...trend.series.flatMap((s) => s.points.map((p) => p.recordedOn))].sort();
  const from = allDates[0] ?? createdOn;
  const to = allDates.at(-1) ?? createdOn;
  const caregivers = [...new Set(trend.series.map((s) => s.caregiverId))];
  if (caregivers.length === 0) {
    canvas.space(10);
    canvas.text('Er zijn (binnen deze filters) geen ouders of verzorgers met opnamen.', { size: 10 });
  }
  for (const caregiverId of caregivers) {
    const own = trend.series.filter((s) => s.caregiverId === caregiverId);
    canvas.ensureSpace(380);
    canvas.heading(names.get(caregiverId) ?? 'Ouder', 2);
    if (own.every((s) => s.points.length === 0)) {
      canvas.text('Nog niet gefilmd binnen deze filters.', { size: 9.5 });
      continue;
    }
    for (const series of own) {
      const top = canvas.y;
      drawTrendChart(
        canvas,
        { x: canvas.left, y: top, width: canvas.width, height: 150 },
        { title: SCALE_NAMES[series.scale], scale: series.scale, color: SCALE_COLORS[series.scale], points: series.points, visits: trend.visits, spans: trend.phaseSpans, from, to, birthMonth: trend.family.babyBirthMonth },
      );
      canvas.y = top + 154;
    }
    const moments = SCALE_KEYS.map((scale) => own.find((s) => s.scale === scale)?.moments ?? []);
    canvas.ensureSpace(60);
    canvas.table(
      [
        { header: 'Meetmoment', width: 120 },
        { header: 'Sensitiviteit', width: 100, align: 'right' },
        { header: 'Coöperatie', width: 100, align: 'right' },
        { header: 'Gescoorde opnamen', width: 175 },
      ],
      (['voormeting', 'nameting', 'follow-up'] as const).map((moment, i) => {
        const [s, c] = [moments[0]?.[i], moments[1]?.[i]];
        const show = (value: number | null | undefined) => (value === null || value === undefined ? 'ontbreekt' : formatScore(Math.round(value * 10) / 10));
        return [moment, show(s?.value), show(c?.value), `${s?.scoredRecordings ?? 0} van ${s?.recordings ?? 0}`];
      }),
    );
    canvas.space(6);
    const points = own[0]?.points ?? [];
    canvas.ensureSpace(60);
    canvas.table(
      [
        { header: 'Datum', width: 58 },
        { header: 'Leeftijd', width: 42, align: 'right' },
        { header: 'Meetmoment', width: 70 },
        { header: 'Activiteit', width: 55 },
        { header: 'Sens.', width: 32, align: 'right' },
        { header: 'Coöp.', width: 32, align: 'right' },
        { header: 'Bron', width: 206 },
      ],
      points.map((point, i) => {
        const other = own.find((s) => s.scale === 'cooperation')?.points[i];
        const show = (p: TrendPoint | undefined) => (p && p.value !== null ? formatScore(Math.round(p.value * 10) / 10) : '-');
        const sources = [...new Set([sourceText(point), other ? sourceText(other) : ''].filter(Boolean))].join(' / ');
        return [dutchDate(point.recordedOn), `${point.ageMonths} mnd`, MOMENT_NAMES[point.moment] ?? point.moment, ACTIVITY_NAMES[point.activity] ?? point.activity, show(point), show(other), sources];
      }),
    );
  }

  canvas.ensureSpace(200);
  canvas.heading('De twee schalen', 2);
  for (const scale of SCALE_KEYS) {
    const set = anchors.find((a) => a.scale === scale);
    canvas.ensureSpace(90);
    canvas.heading(`${SCALE_NAMES[scale]}${set ? ` (ankerteksten versie ${set.version})` : ''}`, 3);
    if (!set) continue;
    for (const point of [...ANCHOR_POINTS].reverse()) {
      const anchor = set.texts[`${point}`].nl;
      canvas.ensureSpace(30);
      canvas.text(`${point} - ${anchor.title}. ${anchor.text}`, { size: 8.5 });
      canvas.space(2);
    }
    canvas.text('Een even score ligt tussen de twee beschreven punten eromheen.', { size: 8.5, color: '#5b6673' });
  }
  canvas.footer(`Afstemming · gezin ${trend.family.code} · ${dutchDate(createdOn)} · vertrouwelijk, zonder namen`);
  return canvas.finish();
}

import { formatDecimal, formatScore, formatStat, NO_NUMBER } from '../../../../shared/domain/number-format';
import type { Caregiver } from '../../../../shared/domain/entities';
import type { Meeting, MeetingItem, RaterName, RoundDetail, RoundRecording, ScaleAgreement } from '../../../../shared/domain/scoring';
import { tooFewItems, tooFewItemsIn } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';
import type { Activity, Moment } from '../../../../shared/domain/vocabulary';
import { dutchDate, ROLE_NAMES, SCALE_NAMES } from '../trends/family-report';
import { PdfCanvas } from '../trends/pdf-canvas';

// The minutes of an intervisie as a PDF file, made here like the other reports: what the minutes
// page shows (the same meeting view, so the same blindness rule), in Dutch with decimal commas.
// The team's own record: raters are named, because who scored what and who agreed is the point.
// Families stay pseudonymous: the family code and the parent's role, never the caregiver's label
// (which a team may fill with an initial or a first name).

export type MinutesMeeting = Omit<Meeting, 'media'>;

const MOMENTS: Record<Moment, string> = { voormeting: 'Voormeting', nameting: 'Nameting', 'follow-up': 'Follow-up', geen: 'Geen meetmoment' };
const ACTIVITIES: Record<Activity, string> = { bad: 'Bad', voeden: 'Voeden', verschonen: 'Verschonen', spelen: 'Spelen', anders: 'Anders' };
const MUTED = '#5b6673';

/** "Intervisie november – 2e" → "intervisie-november-2e": for file names, ASCII only. */
export function fileSlug(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** notulen_intervisie-november_2026-11-12.pdf: the meeting's own date, so the file names the meeting. */
export function minutesFileName(round: Pick<RoundDetail, 'id' | 'name' | 'heldOn'>): string {
  return `notulen_${fileSlug(round.name, `ronde-${round.id}`)}_${round.heldOn}.pdf`;
}

/** Local time as Dutch readers write it: 12-11-2026 14:05. */
export function dutchDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return NO_NUMBER;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getDate())}-${two(at.getMonth() + 1)}-${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** Per caregiver "Moeder", or "Moeder 1" / "Moeder 2" when one family has two parents in that role in the round. */
export function caregiverRoleNames(recordings: readonly RoundRecording[]): Map<number, string> {
  const byFamily = new Map<number, Map<number, Caregiver>>();
  for (const caregiver of recordings.flatMap((recording) => recording.caregivers)) {
    const family = byFamily.get(caregiver.familyId) ?? new Map<number, Caregiver>();
    family.set(caregiver.id, caregiver);
    byFamily.set(caregiver.familyId, family);
  }
  const names = new Map<number, string>();
  for (const family of byFamily.values()) {
    const caregivers = [...family.values()].sort((a, b) => a.id - b.id);
    for (const caregiver of caregivers) {
      const same = caregivers.filter((other) => other.role === caregiver.role);
      names.set(caregiver.id, same.length > 1 ? `${ROLE_NAMES[caregiver.role]} ${same.indexOf(caregiver) + 1}` : ROLE_NAMES[caregiver.role]);
    }
  }
  return names;
}

function recordingText(recording: RoundRecording, roles: Map<number, string>, showNeutralCode: boolean): string {
  const who = recording.caregivers.map((caregiver) => roles.get(caregiver.id) ?? 'Ouder').join(', ');
  const parts = recording.masked
    ? [recording.clipCode, ACTIVITIES[recording.activity]]
    : [recording.clipCode, dutchDate(recording.recordedOn), MOMENTS[recording.moment], ACTIVITIES[recording.activity]];
  const neutral = showNeutralCode && recording.neutralCode ? `; in de ronde: clip ${recording.neutralCode}` : '';
  return `${parts.join(' · ')} (${who}${neutral})`;
}

export function itemText(item: MeetingItem, roles: Map<number, string>): string {
  return `${item.clipCode} · ${dutchDate(item.recordedOn)} ${MOMENTS[item.moment]} · ${roles.get(item.caregiverId) ?? 'Ouder'} · ${SCALE_NAMES[item.scale]}`;
}

const initials = (raters: readonly RaterName[]) => raters.map((rater) => rater.initials).join(', ');
const names = (raters: readonly RaterName[]) => raters.map((rater) => rater.name).join(', ');

export function consensusText(consensus: NonNullable<MeetingItem['consensus']>): string {
  return `Consensus ${consensus.value}, vastgelegd door ${consensus.byName ?? '?'}; ingestemd: ${names(consensus.agreedBy) || 'niemand'}.`;
}

/** As on the screen (shared/stats/sample-size.ts): below the minimum no value, interval or word. */
const tooFewText = (n: number) => `te weinig items (n = ${n})`;

function statCell(stat: Stat, percent = false): string {
  if (tooFewItems(stat)) return tooFewText(stat.n);
  const text = formatStat(stat, { percent });
  if (!stat.ok || !text) return `n.b.: ${stat.ok ? '' : stat.reason}`;
  const warnings = (stat.warnings ?? []).map((warning) => `\n${warning.message}`).join('');
  return `${text.value}${text.interval ? ` ${text.interval}` : ''}${warnings}`;
}

function kappaCell(scale: ScaleAgreement): string {
  if (!scale.kappaLinearMean) return `n.b.: ${scale.kappaNotComputable ?? ''}`;
  if (tooFewItemsIn(scale.kappaLinearMean.n)) return tooFewText(scale.kappaLinearMean.n);
  return `${formatDecimal(scale.kappaLinearMean.value, 2)} (${scale.kappaLinearMean.pairs} paren)`;
}

function scoresTable(canvas: PdfCanvas, meeting: MinutesMeeting, roles: Map<number, string>): void {
  const raters = meeting.round.raters;
  const tail = [
    { header: 'Mediaan', width: 40, align: 'right' as const },
    { header: 'Bereik', width: 36, align: 'right' as const },
    { header: 'Consensus (ingestemd)', width: 80 },
  ];
  const tailWidth = tail.reduce((sum, column) => sum + column.width, 0);
  const raterWidth = 26;
  // A column per rater while the item keeps room to be read; a larger team gets one column of "AV 3 · BJ 5".
  const perRater = canvas.width - tailWidth - raters.length * raterWidth >= 150;
  const itemWidth = perRater ? canvas.width - tailWidth - raters.length * raterWidth : canvas.width - tailWidth - 150;
  const columns = [
    { header: 'Onderdeel', width: itemWidth },
    ...(perRater ? raters.map((rater) => ({ header: rater.initials, width: raterWidth, align: 'right' as const })) : [{ header: 'Scores', width: 150 }]),
    ...tail,
  ];
  const rows = meeting.items.map((item) => {
    const valueOf = (rater: RaterName) => item.scores.find((score) => score.raterId === rater.id)?.value;
    const scores = perRater
      ? raters.map((rater) => String(valueOf(rater) ?? NO_NUMBER))
      : [raters.map((rater) => `${rater.initials} ${valueOf(rater) ?? NO_NUMBER}`).join(' · ')];
    return [
      itemText(item, roles),
      ...scores,
      formatScore(item.median),
      item.min === null || item.max === null ? NO_NUMBER : item.min === item.max ? String(item.min) : `${item.min}–${item.max}`,
      item.consensus ? `${item.consensus.value} (${initials(item.consensus.agreedBy) || 'niemand'})` : NO_NUMBER,
    ];
  });
  canvas.table(columns, rows, 8);
}

function agreementTable(canvas: PdfCanvas, agreement: readonly ScaleAgreement[]): void {
  const label = 165;
  const width = (canvas.width - label) / Math.max(agreement.length, 1);
  canvas.table(
    [
      { header: 'Maat', width: label },
      ...agreement.map((scale) => ({ header: `${SCALE_NAMES[scale.scale]}\n${scale.itemCount} onderdelen, ${scale.raterCount} beoordelaars`, width })),
    ],
    [
      ['ICC(2,1), absolute overeenstemming [95%-BI]', ...agreement.map((scale) => statCell(scale.icc))],
      ['Gewogen kappa (lineair), gemiddeld over paren', ...agreement.map(kappaCell)],
      ["Krippendorff's alpha (ordinaal)", ...agreement.map((scale) => statCell(scale.alphaOrdinal))],
      ["Krippendorff's alpha (interval)", ...agreement.map((scale) => statCell(scale.alphaInterval))],
      ['Exact gelijk', ...agreement.map((scale) => statCell(scale.percentExact, true))],
      ['Binnen ±1 punt', ...agreement.map((scale) => statCell(scale.percentWithin1, true))],
    ],
    8.5,
  );
}

/** The minutes of a revealed round; `madeBy` and `madeOn` (YYYY-MM-DD) are printed at the end. */
export async function minutesPdf(meeting: MinutesMeeting, made: { by: string; on: string }): Promise<Buffer> {
  if (!meeting.revealed) throw new Error('minutesPdf: the round is not revealed');
  const round = meeting.round;
  const roles = caregiverRoleNames(round.recordings);
  const canvas = await PdfCanvas.create({
    title: `Notulen intervisie ${round.name}`,
    subject: 'Intervisie: scores, consensus en overeenstemming (Ainsworth-schalen)',
    // The day, not the second: the same minutes on the same day give the same bytes.
    createdAt: new Date(`${made.on}T00:00:00Z`),
  });
  canvas.text(`Notulen intervisie: ${round.name}`, { size: 18, bold: true });
  canvas.space(6);
  const facts: [string, string][] = [
    ['Datum', dutchDate(round.heldOn)],
    ['Beoordelaars', round.raters.map((rater) => `${rater.name} (${rater.initials})`).join(', ')],
    ['Onthuld', round.revealedAt ? `${dutchDateTime(round.revealedAt)}${round.revealedByName ? ` door ${round.revealedByName}` : ''}` : NO_NUMBER],
  ];
  for (const [label, value] of facts) {
    const top = canvas.y;
    canvas.text(label, { size: 9.5, bold: true, width: 90, fixed: true }, { x: canvas.left, y: top });
    canvas.text(value, { size: 9.5 }, { x: canvas.left + 95, y: top });
    canvas.space(2);
  }
  const top = canvas.y;
  canvas.text('Opnamen', { size: 9.5, bold: true, width: 90, fixed: true }, { x: canvas.left, y: top });
  canvas.y = top;
  round.recordings.forEach((recording, i) => {
    canvas.text(`${i + 1}. ${recordingText(recording, roles, round.blindMoment)}`, { size: 9.5 }, { x: canvas.left + 95, y: canvas.y });
  });
  for (const id of meeting.hiddenRecordingIds) {
    const recording = round.recordings.find((r) => r.id === id);
    canvas.space(3);
    canvas.text(`${recording?.clipCode ?? `Opname ${id}`} staat ook in een andere ronde die nog blind is; scores van anderen blijven daar verborgen.`, {
      size: 9,
      color: '#a4262c',
    });
  }

  canvas.heading('Scores per onderdeel, grootste verschil eerst', 2);
  if (meeting.items.length === 0) canvas.text('Geen onderdelen.', { size: 9.5 });
  else scoresTable(canvas, meeting, roles);

  canvas.heading('Bespreking en consensus', 2);
  const discussed = meeting.items.filter((item) => item.discussion.trim() || item.consensus);
  if (discussed.length === 0) canvas.text(NO_NUMBER, { size: 9.5 });
  for (const item of discussed) {
    canvas.ensureSpace(50);
    canvas.text(itemText(item, roles), { size: 10, bold: true });
    canvas.space(1);
    if (item.discussion.trim()) canvas.text(item.discussion.trim(), { size: 9.5 });
    canvas.text(item.consensus ? consensusText(item.consensus) : 'Geen consensus vastgelegd.', { size: 9.5, color: item.consensus ? undefined : MUTED });
    canvas.space(6);
  }

  if (meeting.agreement.length > 0) {
    canvas.heading('Overeenstemming in deze ronde', 2);
    canvas.text('Alleen ingediende, blinde scores van deze ronde; oefenscores en consensusscores tellen niet mee.', { size: 9, color: MUTED });
    canvas.space(4);
    agreementTable(canvas, meeting.agreement);
  }

  canvas.heading('Algemene notities', 2);
  canvas.text(round.notes.trim() || NO_NUMBER, { size: 9.5 });
  canvas.space(12);
  canvas.text(`Gemaakt op ${dutchDate(made.on)} door ${made.by}.`, { size: 8.5, color: MUTED });
  canvas.footer(`Afstemming · notulen ${round.name} · ${dutchDate(round.heldOn)} · vertrouwelijk`);
  return canvas.finish();
}

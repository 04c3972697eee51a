import { AppError, msg, type Bilingual } from '../../../../shared/api/envelope';
import { addDays, PHASE_FUTURE_MARGIN_DAYS, type ContraIndication, type PhaseStep } from '../../../../shared/domain/dossier';
import type { FamilyPhase, VisitPhase } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import {
  blockingContraIndications,
  deletePhasesAfter,
  earliestDossierDate,
  familyHead,
  findIntake,
  phaseIndex,
  phaseSteps,
  setCurrentPhase,
  upsertPhaseStart,
} from './dossier-repository';

// The rules of a family's path through the intervention, in one place for the dossier's own calls
// and for families.create/update (which still take a phase): phases follow each other in order,
// a phase never starts before the one before it or before the aanmelding, never far ahead, and a
// checked contra-indication keeps the family in aanmelding until a coordinator overrides it.

const PHASE_NAMES: Record<FamilyPhase, Bilingual> = {
  aanmelding: msg('aanmelding', 'referral'),
  introductie: msg('introductie', 'introduction'),
  begeleiding: msg('begeleiding', 'guidance'),
  evaluatie: msg('evaluatie en afsluiting', 'evaluation and closing'),
  'follow-up': msg('follow-up', 'follow-up'),
  afgesloten: msg('afgesloten', 'closed'),
};
const CONTRA_NAMES: Record<ContraIndication, Bilingual> = {
  highStress: msg('zeer hoge stress bij de ouder', 'very high parental stress'),
  unsafe: msg('acuut onveilige situatie', 'acute unsafe situation'),
};
const NOTHING = msg('Er is niets gewijzigd.', 'Nothing has been changed.');
const refuse = (nl: string, en: string, field = 'date', fieldText?: Bilingual): AppError =>
  new AppError('invalid_input', msg(`${nl} ${NOTHING.nl}`, `${en} ${NOTHING.en}`), { [field]: fieldText ?? msg(nl, en) });

export const todayOf = (now: string): string => {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The last day a phase may start on: a small margin ahead, for a phase planned next week. */
export const latestPhaseDate = (now: string): string => addDays(todayOf(now), PHASE_FUTURE_MARGIN_DAYS);

function assertNotFarAhead(date: string, now: string): void {
  const latest = latestPhaseDate(now);
  if (date > latest) {
    throw refuse(
      `De datum ${date} ligt te ver in de toekomst; een fase kan hooguit ${PHASE_FUTURE_MARGIN_DAYS} dagen vooruit beginnen (tot ${latest}).`,
      `The date ${date} is too far in the future; a phase can start at most ${PHASE_FUTURE_MARGIN_DAYS} days ahead (until ${latest}).`,
    );
  }
}

function assertNotBeforeReferral(date: string, referralDate: string): void {
  if (date < referralDate) {
    throw refuse(`De datum ${date} ligt vóór de aanmelding (${referralDate}).`, `The date ${date} is before the referral (${referralDate}).`);
  }
}

/** The latest known start among the steps before `index`. */
const latestStartBefore = (steps: readonly PhaseStep[], index: number): string | null =>
  steps
    .slice(0, index)
    .map((step) => step.startedOn)
    .filter((date): date is string => date !== null)
    .reduce<string | null>((latest, date) => (latest === null || date > latest ? date : latest), null);

const earliestStartAfter = (steps: readonly PhaseStep[], index: number): string | null =>
  steps
    .slice(index + 1)
    .map((step) => step.startedOn)
    .filter((date): date is string => date !== null)
    .reduce<string | null>((earliest, date) => (earliest === null || date < earliest ? date : earliest), null);

function assertContraIndicationsAllow(db: Db, familyId: number, from: FamilyPhase, to: FamilyPhase): void {
  // Closing the case is the expected way out after a contra-indication; only going on is held back.
  if (from !== 'aanmelding' || to === 'afgesloten') return;
  const blocking = blockingContraIndications(findIntake(db, familyId));
  if (blocking.length === 0) return;
  const nl = blocking.map((what) => CONTRA_NAMES[what].nl).join(' en ');
  const en = blocking.map((what) => CONTRA_NAMES[what].en).join(' and ');
  throw new AppError(
    'conflict',
    msg(
      `Bij de aanmelding is een contra-indicatie aangevinkt (${nl}). Het gezin kan pas verder na een besluit van een coördinator, met reden. ${NOTHING.nl}`,
      `A contra-indication was checked at the referral (${en}). The family can only move on after a coordinator's decision, with a reason. ${NOTHING.en}`,
    ),
    { phase: msg('Eerst een besluit van een coördinator over de contra-indicatie.', 'First a coordinator’s decision on the contra-indication.') },
  );
}

/** The family enters a later phase on `date`. */
export function startPhase(db: Db, familyId: number, phase: FamilyPhase, date: string, raterId: number | null, now: string): void {
  const head = familyHead(db, familyId)!;
  if (phaseIndex(phase) <= phaseIndex(head.phase)) {
    throw refuse(
      `Het gezin is al in de fase ${PHASE_NAMES[head.phase].nl}; kies een latere fase, of wijzig de datum van een fase in de tijdlijn.`,
      `The family is already in the phase ${PHASE_NAMES[head.phase].en}; choose a later phase, or change the date of a phase in the timeline.`,
      'phase',
    );
  }
  assertContraIndicationsAllow(db, familyId, head.phase, phase);
  assertNotBeforeReferral(date, head.referralDate);
  const steps = phaseSteps(db, familyId, head);
  const previous = latestStartBefore(steps, steps.length);
  if (previous !== null && date < previous) {
    throw refuse(
      `De ${PHASE_NAMES[phase].nl} kan niet op ${date} beginnen: de vorige fase begon pas op ${previous}.`,
      `The ${PHASE_NAMES[phase].en} cannot start on ${date}: the previous phase only started on ${previous}.`,
    );
  }
  assertNotFarAhead(date, now);
  upsertPhaseStart(db, familyId, phase, date, raterId, now);
  setCurrentPhase(db, familyId, phase, now);
}

/** Moves the start of a phase the family has already entered, between its neighbours. */
export function setPhaseDate(db: Db, familyId: number, phase: FamilyPhase, date: string, raterId: number | null, now: string): void {
  const head = familyHead(db, familyId)!;
  if (phase === 'aanmelding') {
    throw refuse(
      'De aanmelding begint op de aanmelddatum; wijzig die bij de gegevens van het gezin.',
      'The referral phase starts on the referral date; change that in the family’s details.',
      'phase',
    );
  }
  const steps = phaseSteps(db, familyId, head);
  const index = steps.findIndex((step) => step.phase === phase);
  if (index < 0) {
    throw refuse(
      `Het gezin is (nog) niet in de fase ${PHASE_NAMES[phase].nl} geweest.`,
      `The family has not been in the phase ${PHASE_NAMES[phase].en} (yet).`,
      'phase',
    );
  }
  assertNotBeforeReferral(date, head.referralDate);
  const before = latestStartBefore(steps, index);
  if (before !== null && date < before) {
    throw refuse(`De datum ${date} ligt vóór het begin van de vorige fase (${before}).`, `The date ${date} is before the start of the previous phase (${before}).`);
  }
  const after = earliestStartAfter(steps, index);
  if (after !== null && date > after) {
    throw refuse(`De datum ${date} ligt na het begin van de volgende fase (${after}).`, `The date ${date} is after the start of the next phase (${after}).`);
  }
  assertNotFarAhead(date, now);
  upsertPhaseStart(db, familyId, phase, date, raterId, now);
}

/** Back to the phase before the current one: a phase entered by mistake. */
export function undoPhase(db: Db, familyId: number, now: string): FamilyPhase {
  const head = familyHead(db, familyId)!;
  const steps = phaseSteps(db, familyId, head);
  if (steps.length < 2) {
    throw new AppError('conflict', msg(`Het gezin is nog in de aanmelding; er is geen vorige fase. ${NOTHING.nl}`, `The family is still in referral; there is no previous phase. ${NOTHING.en}`));
  }
  const previous = steps[steps.length - 2]!.phase;
  deletePhasesAfter(db, familyId, previous);
  setCurrentPhase(db, familyId, previous, now);
  return previous;
}

/**
 * families.create/update still take a phase (imports, older callers): the same rules, with today
 * as the start of a later phase, and going back forgets the starts of the phases after it.
 */
export function applyPhaseChange(db: Db, familyId: number, phase: FamilyPhase, raterId: number | null, now: string): void {
  const head = familyHead(db, familyId)!;
  if (phase === head.phase) return;
  if (phaseIndex(phase) < phaseIndex(head.phase)) {
    deletePhasesAfter(db, familyId, phase);
    setCurrentPhase(db, familyId, phase, now);
    return;
  }
  const steps = phaseSteps(db, familyId, head);
  const latest = latestStartBefore(steps, steps.length) ?? head.referralDate;
  const today = todayOf(now);
  startPhase(db, familyId, phase, latest > today ? latest : today, raterId, now);
}

/** A new aanmelding date may not come after a later phase's start or a logbook entry. */
export function assertReferralFitsDossier(db: Db, familyId: number, referralDate: string | undefined): void {
  if (referralDate === undefined) return;
  const earliest = earliestDossierDate(db, familyId);
  if (earliest === null || earliest.date >= referralDate) return;
  const what =
    earliest.kind === 'phase' ? msg('een volgende fase', 'a later phase') : earliest.kind === 'goal' ? msg('een begeleidingsdoel', 'a guidance goal') : msg('een logboekregel', 'a logbook entry');
  throw new AppError(
    'invalid_input',
    msg(
      `De aanmelding kan niet op ${referralDate} liggen: er begint al ${what.nl} op ${earliest.date}. ${NOTHING.nl}`,
      `The referral cannot be on ${referralDate}: ${what.en} already starts on ${earliest.date}. ${NOTHING.en}`,
    ),
    { referralDate: msg(`Er is al ${what.nl} op ${earliest.date}.`, `There is already ${what.en} on ${earliest.date}.`) },
  );
}

export { PHASE_NAMES, CONTRA_NAMES };

/**
 * The last day a home visit may be on: the follow-up (the visit three months after the
 * afsluiting is the programme's last), or the closing of a case closed without one. Null: open.
 */
export function lastVisitDate(db: Db, familyId: number): { date: string; phase: 'follow-up' | 'afgesloten' } | null {
  const rows = db
    .prepare(`SELECT phase, started_on FROM family_phases WHERE family_id = ? AND phase IN ('follow-up', 'afgesloten') ORDER BY started_on, phase DESC`)
    .all(familyId) as { phase: 'follow-up' | 'afgesloten'; started_on: string }[];
  const first = rows[0];
  return first ? { date: first.started_on, phase: first.phase } : null;
}

/** A home visit lies between the aanmelding and the follow-up (or the closing, without one). */
export function assertVisitDateInDossier(db: Db, familyId: number, date: string): void {
  const head = familyHead(db, familyId);
  if (!head) return;
  if (date < head.referralDate) {
    throw refuse(`Een huisbezoek op ${date} ligt vóór de aanmelding (${head.referralDate}).`, `A home visit on ${date} is before the referral (${head.referralDate}).`);
  }
  const last = lastVisitDate(db, familyId);
  if (last !== null && date > last.date) {
    const what = last.phase === 'follow-up' ? msg('de follow-up', 'the follow-up') : msg('de afsluiting van het gezin', 'the closing of the case');
    throw refuse(
      `Een huisbezoek op ${date} ligt na ${what.nl} (${last.date}); na de follow-up zijn er geen huisbezoeken meer.`,
      `A home visit on ${date} is after ${what.en} (${last.date}); there are no home visits after the follow-up.`,
    );
  }
}

/** The phase the family was in on `date` (a visit added without one gets it). */
export function phaseOnDate(db: Db, familyId: number, date: string): VisitPhase {
  const head = familyHead(db, familyId)!;
  let phase: VisitPhase = 'aanmelding';
  for (const step of phaseSteps(db, familyId, head)) {
    // A case is closed after its last visit: a visit on that day belongs to the phase before.
    if (step.phase !== 'afgesloten' && step.startedOn !== null && step.startedOn <= date) phase = step.phase;
  }
  return phase;
}

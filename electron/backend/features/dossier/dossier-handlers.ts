import { AppError, msg } from '../../../../shared/api/envelope';
import type { FamilyDossier, LogbookEntry } from '../../../../shared/domain/dossier';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { blockingContraIndications, deleteEntry, findEntry, findIntake, insertEntry, loadDossier, saveIntakeFields, saveOverride, updateEntry } from './dossier-repository';
import { lastVisitDate, setPhaseDate, startPhase, todayOf, undoPhase } from './phase-rules';
import { exportDossier } from './export/dossier-export';

const FAMILY_GONE = msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).');
const ENTRY_GONE = msg('Deze logboekregel bestaat niet (meer).', 'This logbook entry does not exist (any more).');
const NOTHING = msg('Er is niets gewijzigd.', 'Nothing has been changed.');

function requireDossier(ctx: HandlerContext, familyId: number): FamilyDossier {
  const dossier = loadDossier(ctx.db, familyId);
  if (!dossier) throw new AppError('not_found', FAMILY_GONE);
  return dossier;
}

/** After a change: the family's "last changed", one event, and the dossier as it now is. */
function changed(ctx: HandlerContext, familyId: number): void {
  ctx.db.prepare('UPDATE families SET updated_at = ? WHERE id = ?').run(ctx.now, familyId);
  ctx.emit('data.changed', { area: 'dossier', id: familyId });
}

/** A logbook date: from the aanmelding up to today (it records what happened). */
function assertEntryDate(ctx: HandlerContext, dossier: FamilyDossier, date: string): void {
  if (date < dossier.referralDate) {
    throw new AppError(
      'invalid_input',
      msg(`De logboekregel op ${date} ligt vóór de aanmelding (${dossier.referralDate}). ${NOTHING.nl}`, `The logbook entry on ${date} is before the referral (${dossier.referralDate}). ${NOTHING.en}`),
      { date: msg('Datum vóór de aanmelding.', 'Date before the referral.') },
    );
  }
  // The follow-up (or the closing of a case without one) is the programme's last day: its review
  // is logged on that day, and nothing is kept in the dossier after it.
  const last = lastVisitDate(ctx.db, dossier.familyId);
  if (last !== null && date > last.date) {
    const what = last.phase === 'follow-up' ? msg('de follow-up', 'the follow-up') : msg('de afsluiting', 'the closing of the case');
    throw new AppError(
      'invalid_input',
      msg(`De logboekregel op ${date} ligt na ${what.nl} (${last.date}). ${NOTHING.nl}`, `The logbook entry on ${date} is after ${what.en} (${last.date}). ${NOTHING.en}`),
      { date: msg(`Datum na ${what.nl}.`, `Date after ${what.en}.`) },
    );
  }
  const today = todayOf(ctx.now);
  if (date > today) {
    throw new AppError(
      'invalid_input',
      msg(`De logboekregel op ${date} ligt in de toekomst (vandaag is ${today}). ${NOTHING.nl}`, `The logbook entry on ${date} is in the future (today is ${today}). ${NOTHING.en}`),
      { date: msg('Datum in de toekomst.', 'Date in the future.') },
    );
  }
}

// Access-log details name what changed (fields, phases, dates, an entry's number), never typed
// text: the reason of an override and the logbook's words stay in the dossier.
export const dossierHandlers: HandlersFor<'dossier'> = {
  'dossier.get': ({ familyId }, ctx) => {
    const dossier = requireDossier(ctx, familyId);
    ctx.logFamilyAccess(familyId, 'dossier');
    return dossier;
  },

  'dossier.startPhase': ({ familyId, phase, date }, ctx) => {
    requireDossier(ctx, familyId);
    startPhase(ctx.db, familyId, phase, date, ctx.actor?.id ?? null, ctx.now);
    ctx.logFamilyAccess(familyId, `fase ${phase} vanaf ${date}`);
    changed(ctx, familyId);
    return loadDossier(ctx.db, familyId)!;
  },

  'dossier.setPhaseDate': ({ familyId, phase, date }, ctx) => {
    requireDossier(ctx, familyId);
    setPhaseDate(ctx.db, familyId, phase, date, ctx.actor?.id ?? null, ctx.now);
    ctx.logFamilyAccess(familyId, `fase ${phase} begint ${date}`);
    changed(ctx, familyId);
    return loadDossier(ctx.db, familyId)!;
  },

  'dossier.undoPhase': ({ familyId }, ctx) => {
    const before = requireDossier(ctx, familyId);
    const back = undoPhase(ctx.db, familyId, ctx.now);
    ctx.logFamilyAccess(familyId, `fase ${before.currentPhase} teruggezet naar ${back}`);
    changed(ctx, familyId);
    return loadDossier(ctx.db, familyId)!;
  },

  'dossier.updateIntake': ({ familyId, ...changes }, ctx) => {
    const dossier = requireDossier(ctx, familyId);
    const { override: _override, ...fields } = dossier.intake;
    saveIntakeFields(ctx.db, familyId, { ...fields, ...changes }, ctx.now);
    ctx.logFamilyAccess(familyId, `aanmelding: ${Object.keys(changes).join(', ')}`);
    changed(ctx, familyId);
    return loadDossier(ctx.db, familyId)!;
  },

  'dossier.overrideContraIndication': ({ familyId, reason }, ctx) => {
    requireDossier(ctx, familyId);
    const intake = findIntake(ctx.db, familyId);
    const checked = [...(intake.highStress ? (['highStress'] as const) : []), ...(intake.unsafe ? (['unsafe'] as const) : [])];
    if (checked.length === 0) {
      throw new AppError('conflict', msg(`Er is geen contra-indicatie aangevinkt; er valt niets te besluiten. ${NOTHING.nl}`, `No contra-indication is checked; there is nothing to decide. ${NOTHING.en}`));
    }
    if (blockingContraIndications(intake).length === 0) {
      throw new AppError('conflict', msg(`Over deze contra-indicaties is al besloten. ${NOTHING.nl}`, `These contra-indications have already been decided on. ${NOTHING.en}`));
    }
    saveOverride(ctx.db, familyId, { reason, covers: checked, by: ctx.actor?.id ?? null, at: ctx.now });
    // The reason is a clinical judgement about the parents: the log says that, not what.
    ctx.logFamilyAccess(familyId, `contra-indicatie doorbroken: ${checked.join(', ')}`);
    changed(ctx, familyId);
    return loadDossier(ctx.db, familyId)!;
  },

  'dossier.addEntry': ({ familyId, date, text, agreement }, ctx) => {
    const dossier = requireDossier(ctx, familyId);
    assertEntryDate(ctx, dossier, date);
    const entry = insertEntry(ctx.db, { familyId, date, text, agreement: agreement ? 'open' : null, writtenBy: ctx.actor?.id ?? null }, ctx.now);
    ctx.logFamilyAccess(familyId, `regel ${entry.id} op ${date}${agreement ? ' (afspraak)' : ''}`);
    changed(ctx, familyId);
    return entry;
  },

  'dossier.updateEntry': ({ id, ...changes }, ctx) => {
    const current = findEntry(ctx.db, id);
    if (!current) throw new AppError('not_found', ENTRY_GONE);
    if (changes.date !== undefined) assertEntryDate(ctx, requireDossier(ctx, current.familyId), changes.date);
    const next: LogbookEntry = {
      ...current,
      ...(changes.date !== undefined ? { date: changes.date } : {}),
      ...(changes.text !== undefined ? { text: changes.text } : {}),
      ...(changes.agreement !== undefined ? { agreement: changes.agreement } : {}),
    };
    updateEntry(ctx.db, next, ctx.now);
    const status = changes.agreement !== undefined ? `; afspraak ${changes.agreement ?? 'geen'}` : '';
    ctx.logFamilyAccess(current.familyId, `regel ${id}: ${Object.keys(changes).join(', ')}${status}`);
    changed(ctx, current.familyId);
    return findEntry(ctx.db, id)!;
  },

  'dossier.removeEntry': ({ id }, ctx) => {
    const current = findEntry(ctx.db, id);
    if (!current) throw new AppError('not_found', ENTRY_GONE);
    deleteEntry(ctx.db, id);
    ctx.logFamilyAccess(current.familyId, `regel ${id} van ${current.date}`);
    changed(ctx, current.familyId);
    return { removed: true };
  },

  'dossier.exportPdf': ({ familyId, language }, ctx) => exportDossier(ctx, familyId, language, 'pdf'),
  'dossier.exportXlsx': ({ familyId, language }, ctx) => exportDossier(ctx, familyId, language, 'xlsx'),
};

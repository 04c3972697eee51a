import { AppError, msg } from '../../../../shared/api/envelope';
import { localToday } from '../../../../shared/domain/dates';
import type { Rater } from '../../../../shared/domain/entities';
import type { ScaleKey } from '../../../../shared/domain/scales';
import type { Meeting } from '../../../../shared/domain/scoring';
import type { ExportFile } from '../../../../shared/domain/trends';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { MIME } from '../trends/trend-exports';
import { findRater } from '../raters/rater-repository';
import { findRecordingBrief, recordingBriefs } from '../scoring/recording-brief';
import { minutesFileName, minutesPdf } from './minutes-pdf';
import { assignNeutralCodes } from './moment-blinding';
import { buildMeeting, buildRoundDetail } from './round-views';
import { findPlayerMedia } from '../recordings/recording-repository';
import { findRound, isAssigned, listRoundRows, revealIfEveryoneSubmitted, roundRaters, roundRecordingIds, summarizeRound, type RoundRow } from './round-repository';

const ROUND_GONE = msg('Deze scoringsronde bestaat niet (meer).', 'This scoring round does not exist (any more).');

function actorOf(ctx: HandlerContext): Rater {
  if (!ctx.actor) throw new AppError('no_rater', msg('Kies eerst wie u bent.', 'First choose who you are.'));
  return ctx.actor;
}

function requireRound(ctx: HandlerContext, roundId: number): RoundRow {
  const round = findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', ROUND_GONE);
  return round;
}

/** A coordinator sees every round; a rater only the rounds they are assigned to. */
function requireRoundAccess(ctx: HandlerContext, roundId: number): { round: RoundRow; actor: Rater; assigned: boolean } {
  const actor = actorOf(ctx);
  const round = requireRound(ctx, roundId);
  const assigned = isAssigned(ctx.db, roundId, actor.id);
  if (!assigned && actor.role !== 'coordinator') throw new AppError('forbidden', msg('U bent niet ingedeeld in deze ronde.', 'You are not assigned to this round.'));
  return { round, actor, assigned };
}

function assertRecordings(ctx: HandlerContext, recordingIds: number[]): void {
  const briefs = recordingBriefs(ctx.db, recordingIds);
  const missing = recordingIds.filter((id) => !briefs.has(id));
  if (missing.length) throw new AppError('not_found', msg(`Onbekende opname(n): ${missing.join(', ')}.`, `Unknown recording(s): ${missing.join(', ')}.`), { recordingIds: msg('Onbekende opname.', 'Unknown recording.') });
  const withoutCaregiver = [...briefs.values()].filter((brief) => brief.caregivers.length === 0);
  if (withoutCaregiver.length) {
    throw new AppError(
      'invalid_input',
      msg(
        `Opname van ${withoutCaregiver[0]!.familyCode} (${withoutCaregiver[0]!.recordedOn}) heeft geen ouder in beeld; koppel eerst een ouder aan de opname.`,
        `The recording of ${withoutCaregiver[0]!.familyCode} (${withoutCaregiver[0]!.recordedOn}) has no parent in view; link a parent to the recording first.`,
      ),
      { recordingIds: msg('Opname zonder ouder in beeld.', 'Recording without a parent in view.') },
    );
  }
}

function assertRaters(ctx: HandlerContext, raterIds: number[]): void {
  for (const id of raterIds) {
    const rater = findRater(ctx.db, id);
    if (!rater) throw new AppError('not_found', msg(`Onbekende beoordelaar (${id}).`, `Unknown rater (${id}).`), { raterIds: msg('Onbekende beoordelaar.', 'Unknown rater.') });
    if (!rater.active) throw new AppError('invalid_input', msg(`${rater.name} is niet actief en kan niet worden ingedeeld.`, `${rater.name} is not active and cannot be assigned.`), { raterIds: msg('Niet actief.', 'Not active.') });
  }
}

function setRecordings(ctx: HandlerContext, roundId: number, recordingIds: number[]): void {
  ctx.db.prepare('DELETE FROM round_recordings WHERE round_id = ? AND recording_id NOT IN (SELECT value FROM json_each(?))').run(roundId, JSON.stringify(recordingIds));
  // Update, else insert (not an upsert: see upsertScore on SQLite triggers under an upsert).
  const update = ctx.db.prepare('UPDATE round_recordings SET position = ? WHERE round_id = ? AND recording_id = ?');
  const insert = ctx.db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, ?)');
  recordingIds.forEach((recordingId, position) => {
    if (update.run(position, roundId, recordingId).changes === 0) insert.run(roundId, recordingId, position);
  });
  // Every round gets its neutral letters, so switching "blind to the moment" on later needs nothing more.
  assignNeutralCodes(ctx.db, roundId);
}

function setRaters(ctx: HandlerContext, roundId: number, raterIds: number[]): void {
  ctx.db.prepare('DELETE FROM round_raters WHERE round_id = ? AND rater_id NOT IN (SELECT value FROM json_each(?))').run(roundId, JSON.stringify(raterIds));
  const insert = ctx.db.prepare('INSERT OR IGNORE INTO round_raters (round_id, rater_id) VALUES (?, ?)');
  for (const raterId of raterIds) insert.run(roundId, raterId);
}

/** Removing someone who already scored, or a recording already scored, would silently drop their work. */
function assertNothingScoredIsDropped(ctx: HandlerContext, roundId: number, recordingIds?: number[], raterIds?: number[]): void {
  if (raterIds) {
    const dropped = ctx.db
      .prepare(
        `SELECT DISTINCT r.name FROM score_sheets s JOIN raters r ON r.id = s.rater_id
         WHERE s.round_id = ? AND s.rater_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .all(roundId, JSON.stringify(raterIds)) as { name: string }[];
    if (dropped.length) {
      throw new AppError('conflict', msg(
        `${dropped[0]!.name} heeft in deze ronde al gescoord en kan niet meer uit de ronde worden gehaald.`,
        `${dropped[0]!.name} has already scored in this round and can no longer be taken out of the round.`,
      ), {
        raterIds: msg('Heeft al gescoord.', 'Has already scored.'),
      });
    }
  }
  if (recordingIds) {
    const dropped = ctx.db
      .prepare(`SELECT 1 FROM score_sheets WHERE round_id = ? AND recording_id NOT IN (SELECT value FROM json_each(?)) LIMIT 1`)
      .get(roundId, JSON.stringify(recordingIds));
    if (dropped) {
      throw new AppError('conflict', msg(
        'Een opname die in deze ronde al gescoord is, kan niet meer uit de ronde worden gehaald.',
        'A recording that has already been scored in this round can no longer be taken out of the round.',
      ), {
        recordingIds: msg('Al gescoord.', 'Already scored.'),
      });
    }
  }
}

function logRoundFamilies(ctx: HandlerContext, roundId: number, detail: string): void {
  const ids = roundRecordingIds(ctx.db, roundId).map((entry) => entry.recordingId);
  const families = new Set([...recordingBriefs(ctx.db, ids).values()].map((brief) => brief.familyId));
  for (const familyId of families) ctx.logFamilyAccess(familyId, detail);
}

/** Checks an agenda item of a revealed round and makes sure its row exists. */
function prepareItem(ctx: HandlerContext, input: { roundId: number; recordingId: number; caregiverId: number; scale: ScaleKey }): RoundRow {
  const { round } = requireRoundAccess(ctx, input.roundId);
  if (round.revealed_at === null) throw new AppError('conflict', msg(
    'Bespreken en consensus vastleggen kan pas na het onthullen.',
    'Discussion and consensus can only be recorded after the reveal.',
  ));
  const inRound = roundRecordingIds(ctx.db, round.id).some((entry) => entry.recordingId === input.recordingId);
  if (!inRound) throw new AppError('invalid_input', msg(`Deze opname hoort niet bij ronde "${round.name}".`, `This recording does not belong to round "${round.name}".`), { recordingId: msg('Niet in deze ronde.', 'Not in this round.') });
  const recording = findRecordingBrief(ctx.db, input.recordingId)!;
  if (!recording.caregivers.some((caregiver) => caregiver.id === input.caregiverId)) {
    throw new AppError('invalid_input', msg('Deze ouder/verzorger is niet in beeld in deze opname.', 'This parent/caregiver is not in view in this recording.'), { caregiverId: msg('Niet in beeld.', 'Not in view.') });
  }
  ctx.db
    .prepare(
      `INSERT INTO round_items (round_id, recording_id, caregiver_id, scale, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    )
    .run(input.roundId, input.recordingId, input.caregiverId, input.scale, ctx.now);
  ctx.logFamilyAccess(recording.familyId, `ronde ${round.id}; opname ${recording.id}; ${input.scale}`);
  return round;
}

function meetingFor(ctx: HandlerContext, roundId: number): Meeting {
  const { round, actor, assigned } = requireRoundAccess(ctx, roundId);
  const meeting = buildMeeting(ctx.db, round, actor.id, assigned);
  const media = meeting.round.recordings.flatMap((recording) => findPlayerMedia(ctx.db, recording.id) ?? []);
  return { ...meeting, media };
}

/**
 * The minutes as a PDF: the meeting view of whoever asks (so the blindness rule holds as on
 * screen), only after the reveal, logged once per family in the round plus one row for the file.
 */
async function minutesFile(ctx: HandlerContext, roundId: number): Promise<ExportFile> {
  const { meeting, actor } = ctx.db.transaction(() => {
    const { round, actor, assigned } = requireRoundAccess(ctx, roundId);
    if (round.revealed_at === null) {
      throw new AppError('conflict', msg(
        'De notulen zijn er pas na het onthullen: tot dan zijn de scores blind en is er nog niets besproken.',
        'The minutes are only available after the reveal: until then the scores are blind and nothing has been discussed yet.',
      ));
    }
    return { meeting: buildMeeting(ctx.db, round, actor.id, assigned), actor };
  })();
  const today = localToday();
  const bytes = await minutesPdf(meeting, { by: actor.name, on: today });
  const fileName = minutesFileName(meeting.round);
  const familyOf = new Map(meeting.round.recordings.flatMap((recording) => (recording.familyId === null ? [] : [[recording.id, recording.familyId] as const])));
  const perFamily = new Map<number, number>([...new Set(familyOf.values())].map((familyId) => [familyId, 0]));
  for (const item of meeting.items) {
    const familyId = familyOf.get(item.recordingId);
    if (familyId !== undefined) perFamily.set(familyId, (perFamily.get(familyId) ?? 0) + 1);
  }
  ctx.db.transaction(() => {
    for (const [familyId, items] of perFamily) ctx.logFamilyAccess(familyId, `${fileName}: ronde ${roundId}; ${items} onderdelen van dit gezin`);
    appendAccess(ctx.db, {
      at: ctx.now,
      rater: ctx.actor,
      familyId: null,
      action: 'export.pdf_minutes',
      outcome: 'ok',
      detail: `${fileName}: ronde ${roundId}; ${perFamily.size} gezinnen, ${meeting.items.length} onderdelen`,
    });
  })();
  return { fileName, mimeType: MIME.pdf, base64: bytes.toString('base64'), familyCount: perFamily.size, rowCount: meeting.items.length };
}

export const roundHandlers: HandlersFor<'rounds'> = {
  'rounds.list': (_input, ctx) => {
    const actor = actorOf(ctx);
    return listRoundRows(ctx.db, actor.role === 'coordinator' ? null : actor.id).map((row) => summarizeRound(ctx.db, row, actor.id));
  },

  'rounds.get': ({ roundId }, ctx) => {
    const { round, actor, assigned } = requireRoundAccess(ctx, roundId);
    logRoundFamilies(ctx, roundId, `ronde ${roundId} bekeken`);
    return buildRoundDetail(ctx.db, round, actor.id, assigned);
  },

  'rounds.create': (input, ctx) => {
    const actor = actorOf(ctx);
    assertRecordings(ctx, input.recordingIds);
    assertRaters(ctx, input.raterIds);
    const roundId = Number(
      ctx.db
        .prepare('INSERT INTO rounds (name, held_on, kind, reveal_rule, blind_moment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.name, input.heldOn, input.kind ?? 'meeting', input.revealRule, input.blindMoment ? 1 : 0, ctx.now, actor.id).lastInsertRowid,
    );
    setRecordings(ctx, roundId, input.recordingIds);
    setRaters(ctx, roundId, input.raterIds);
    logRoundFamilies(ctx, roundId, `ronde ${roundId} aangemaakt`);
    ctx.emit('data.changed', { area: 'scoring', id: roundId });
    ctx.emit('meeting.changed', { roundId });
    return buildRoundDetail(ctx.db, requireRound(ctx, roundId), actor.id, isAssigned(ctx.db, roundId, actor.id));
  },

  'rounds.update': ({ roundId, ...changes }, ctx) => {
    const actor = actorOf(ctx);
    const round = requireRound(ctx, roundId);
    const structural =
      changes.revealRule !== undefined || changes.recordingIds !== undefined || changes.raterIds !== undefined || changes.blindMoment !== undefined;
    if (structural && round.revealed_at !== null) {
      throw new AppError('conflict', msg(
        'Deze ronde is al onthuld; opnamen, beoordelaars en de onthulregel liggen vast.',
        'This round has already been revealed; its recordings, raters and reveal rule are fixed.',
      ));
    }
    if (changes.recordingIds) assertRecordings(ctx, changes.recordingIds);
    if (changes.raterIds) assertRaters(ctx, changes.raterIds);
    assertNothingScoredIsDropped(ctx, roundId, changes.recordingIds, changes.raterIds);
    const set = (column: string, value: unknown) => ctx.db.prepare(`UPDATE rounds SET ${column} = ? WHERE id = ?`).run(value, roundId);
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.heldOn !== undefined) set('held_on', changes.heldOn);
    if (changes.kind !== undefined) set('kind', changes.kind);
    if (changes.revealRule !== undefined) set('reveal_rule', changes.revealRule);
    if (changes.blindMoment !== undefined) set('blind_moment', changes.blindMoment ? 1 : 0);
    if (changes.blindMoment) assignNeutralCodes(ctx.db, roundId);
    if (changes.notes !== undefined) set('notes', changes.notes);
    if (changes.recordingIds) setRecordings(ctx, roundId, changes.recordingIds);
    if (changes.raterIds) setRaters(ctx, roundId, changes.raterIds);
    // Dropping the last rater who had not submitted can complete an "all submitted" round.
    revealIfEveryoneSubmitted(ctx.db, roundId, ctx.now);
    if (structural) logRoundFamilies(ctx, roundId, `ronde ${roundId} gewijzigd`);
    ctx.emit('data.changed', { area: 'scoring', id: roundId });
    ctx.emit('meeting.changed', { roundId });
    return buildRoundDetail(ctx.db, requireRound(ctx, roundId), actor.id, isAssigned(ctx.db, roundId, actor.id));
  },

  'rounds.reveal': ({ roundId }, ctx) => {
    const actor = actorOf(ctx);
    const round = requireRound(ctx, roundId);
    if (round.revealed_at !== null) throw new AppError('conflict', msg('Deze ronde is al onthuld.', 'This round has already been revealed.'));
    ctx.db.prepare('UPDATE rounds SET revealed_at = ?, revealed_by = ? WHERE id = ?').run(ctx.now, actor.id, roundId);
    logRoundFamilies(ctx, roundId, `ronde ${roundId} onthuld`);
    ctx.emit('data.changed', { area: 'scoring', id: roundId });
    ctx.emit('meeting.changed', { roundId });
    return buildRoundDetail(ctx.db, requireRound(ctx, roundId), actor.id, isAssigned(ctx.db, roundId, actor.id));
  },

  'rounds.meeting': ({ roundId }, ctx) => {
    const meeting = meetingFor(ctx, roundId);
    // Reading revealed scores is reading family data; before the reveal only names are shown.
    if (meeting.revealed) logRoundFamilies(ctx, roundId, `intervisie ronde ${roundId}`);
    return meeting;
  },

  'rounds.minutesPdf': ({ roundId }, ctx) => minutesFile(ctx, roundId),

  'rounds.saveDiscussion': ({ discussion, ...item }, ctx) => {
    prepareItem(ctx, item);
    ctx.db
      .prepare('UPDATE round_items SET discussion = ?, updated_at = ? WHERE round_id = ? AND recording_id = ? AND caregiver_id = ? AND scale = ?')
      .run(discussion, ctx.now, item.roundId, item.recordingId, item.caregiverId, item.scale);
    ctx.emit('data.changed', { area: 'scoring', id: item.roundId });
    ctx.emit('meeting.changed', { roundId: item.roundId });
    return meetingFor(ctx, item.roundId);
  },

  'rounds.setConsensus': ({ value, agreedBy, ...item }, ctx) => {
    const actor = actorOf(ctx);
    prepareItem(ctx, item);
    const raters = new Set(roundRaters(ctx.db, item.roundId).map((rater) => rater.id));
    const agreeing = [...new Set(agreedBy)];
    if (agreeing.some((id) => !raters.has(id))) {
      throw new AppError('invalid_input', msg('Alleen beoordelaars van deze ronde kunnen instemmen met een consensusscore.', 'Only raters of this round can agree to a consensus score.'), { agreedBy: msg('Niet in deze ronde.', 'Not in this round.') });
    }
    if (value === null && agreeing.length > 0) throw new AppError('invalid_input', msg('Kies eerst een consensusscore.', 'Choose a consensus score first.'), { value: msg('Kies een score.', 'Choose a score.') });
    const where = [item.roundId, item.recordingId, item.caregiverId, item.scale] as const;
    ctx.db
      .prepare(
        `UPDATE round_items SET consensus_value = ?, consensus_at = ?, consensus_by = ?, updated_at = ?
         WHERE round_id = ? AND recording_id = ? AND caregiver_id = ? AND scale = ?`,
      )
      .run(value, value === null ? null : ctx.now, value === null ? null : actor.id, ctx.now, ...where);
    ctx.db.prepare('DELETE FROM consensus_agreements WHERE round_id = ? AND recording_id = ? AND caregiver_id = ? AND scale = ?').run(...where);
    const insert = ctx.db.prepare(
      'INSERT INTO consensus_agreements (round_id, recording_id, caregiver_id, scale, rater_id) VALUES (?, ?, ?, ?, ?)',
    );
    for (const raterId of agreeing) insert.run(...where, raterId);
    ctx.emit('data.changed', { area: 'scoring', id: item.roundId });
    ctx.emit('meeting.changed', { roundId: item.roundId });
    return meetingFor(ctx, item.roundId);
  },
};

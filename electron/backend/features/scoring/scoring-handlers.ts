import { findPlayerMedia } from '../recordings/recording-repository';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Rater } from '../../../../shared/domain/entities';
import type { OtherSheet, RecordingBrief, ScoreSheet, SheetOption, ShownRecording } from '../../../../shared/domain/scoring';
import type { ScaleKey } from '../../../../shared/domain/scales';
import type { HandlerContext, Handlers, HandlersFor } from '../../handler-context';
import { visibleToViewerSql } from '../rounds/blindness';
import { maskBrief, momentHidden, neutralCodes } from '../rounds/moment-blinding';
import { roundHandlers } from '../rounds/round-handlers';
import {
  assignedRoundsFor,
  findRound,
  isAssigned,
  openAssignedRoundsFor,
  revealIfEveryoneSubmitted,
  roundHasRecording,
  type RoundRow,
} from '../rounds/round-repository';
import { anchorVersions, anchorVersionScale, currentAnchors, currentAnchorVersionId, insertAnchorVersion } from './anchor-repository';
import { findRecordingBrief, listRecordingBriefs, recordingBriefs } from './recording-brief';
import { addSheetEvent, createSheet, findSheet, setSheetStatus, sheetEvents, sheetScores, sheetsOfRater, upsertScore } from './sheet-repository';
import { describeMissingText, lockReason, lockReasonText, missingScores } from './sheet-rules';

function actorOf(ctx: HandlerContext): Rater {
  if (!ctx.actor) throw new AppError('no_rater', msg('Kies eerst wie u bent.', 'First choose who you are.'));
  return ctx.actor;
}

function requireRecording(ctx: HandlerContext, recordingId: number): RecordingBrief {
  const recording = findRecordingBrief(ctx.db, recordingId);
  if (!recording) throw new AppError('not_found', msg('Deze opname bestaat niet (meer).', 'This recording does not exist (any more).'));
  return recording;
}

/**
 * Which sheet a call is about. `undefined` picks the open round the rater is assigned to (the score
 * card beside the player does not know about rounds), falling back to practice; `null` is practice.
 */
function resolveRound(ctx: HandlerContext, rater: Rater, recording: RecordingBrief, requested: number | null | undefined): RoundRow | null {
  const meeting = ctx.caller.scope.kind === 'meeting' ? ctx.caller.scope : null;
  // A device in the meeting scores that meeting's round only: no practice, no other round.
  if (meeting && requested !== undefined && requested !== meeting.roundId) {
    throw new AppError('forbidden', msg(
      'Op dit apparaat scoort u alleen de opnamen van deze intervisie.',
      'On this device you only score the recordings of this peer review meeting.',
    ));
  }
  const roundId = meeting ? meeting.roundId : requested;
  if (roundId === undefined) {
    const open = openAssignedRoundsFor(ctx.db, rater.id, recording.id)[0];
    if (open) return open;
    // After a reveal the rater still expects to find their round scores here, not an empty practice sheet.
    const scored = assignedRoundsFor(ctx.db, rater.id, recording.id).find((r) => findSheet(ctx.db, rater.id, recording.id, r.id) !== null);
    return scored ?? null;
  }
  if (roundId === null) return null;
  const round = findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', msg('Deze scoringsronde bestaat niet (meer).', 'This scoring round does not exist (any more).'));
  if (!isAssigned(ctx.db, round.id, rater.id)) throw new AppError('forbidden', msg(
    `U bent niet ingedeeld in ronde "${round.name}".`,
    `You are not assigned to round "${round.name}".`,
  ));
  if (!roundHasRecording(ctx.db, round.id, recording.id)) {
    throw new AppError('invalid_input', msg(`Deze opname hoort niet bij ronde "${round.name}".`, `This recording does not belong to round "${round.name}".`), { roundId: msg('Niet in deze ronde.', 'Not in this round.') });
  }
  return round;
}

function buildSheet(ctx: HandlerContext, rater: Rater, recording: RecordingBrief, round: RoundRow | null): ScoreSheet {
  const sheet = findSheet(ctx.db, rater.id, recording.id, round?.id ?? null);
  const status = sheet?.status ?? 'none';
  const revealed = round !== null && round.revealed_at !== null;
  const reason = lockReason(status, revealed);
  const statusOf = (roundId: number | null): ScoreSheet['status'] => findSheet(ctx.db, rater.id, recording.id, roundId)?.status ?? 'none';
  const assigned = assignedRoundsFor(ctx.db, rater.id, recording.id);
  const meeting = ctx.caller.scope.kind === 'meeting' ? ctx.caller.scope : null;
  const options: SheetOption[] = assigned
    .filter((r) => !meeting || r.id === meeting.roundId)
    .map((r) => ({ roundId: r.id, roundName: r.name, revealed: r.revealed_at !== null, status: statusOf(r.id) }));
  // Practice is offered unless the rater still has to score this recording blind (then it is refused anyway).
  const practiceStatus = statusOf(null);
  if (!meeting && (practiceStatus !== 'none' || !assigned.some((r) => r.revealed_at === null))) {
    options.push({ roundId: null, roundName: null, revealed: false, status: practiceStatus });
  }
  return {
    recording: shownIn(ctx, recording, round),
    player: meeting ? null : findPlayerMedia(ctx.db, recording.id),
    roundId: round?.id ?? null,
    roundName: round?.name ?? null,
    blind: round !== null,
    revealed,
    options,
    status,
    submittedAt: sheet?.submitted_at ?? null,
    locked: reason !== null,
    lockReason: reason,
    scores: sheet ? sheetScores(ctx.db, sheet.id) : [],
    anchors: currentAnchors(ctx.db),
    history: sheet ? sheetEvents(ctx.db, sheet.id) : [],
  };
}

/** The recording as this round may show it: without family, date and moment while it hides the moment. */
function shownIn(ctx: HandlerContext, recording: RecordingBrief, round: RoundRow | null): ShownRecording {
  if (!round || !momentHidden(round)) return recording;
  return maskBrief(recording, neutralCodes(ctx.db, round.id).get(recording.id) ?? '?');
}

/** What every change to a sheet checks first; returns the sheet's round. */
function prepareChange(ctx: HandlerContext, rater: Rater, recording: RecordingBrief, roundId: number | null): RoundRow | null {
  const round = resolveRound(ctx, rater, recording, roundId);
  if (round === null) {
    // Practice on a recording one still has to score blind would be a second, unchecked sheet.
    const open = openAssignedRoundsFor(ctx.db, rater.id, recording.id)[0];
    if (open) {
      throw new AppError('conflict', msg(
        `Deze opname staat in ronde "${open.name}", waarvoor u bent ingedeeld. Scoor haar daar; oefenen kan na het onthullen.`,
        `This recording is in round "${open.name}", to which you are assigned. Score it there; practice is possible after the reveal.`,
      ));
    }
  } else if (round.revealed_at !== null) {
    throw new AppError('conflict', lockReasonText('none', true)!);
  }
  return round;
}

const contextLabel = (round: RoundRow | null) => (round ? `ronde ${round.id}` : 'oefening (niet blind)');

const scoringAreaHandlers: HandlersFor<'scoring'> = {
  'scoring.anchors': (_input, ctx) => currentAnchors(ctx.db),

  'scoring.anchorVersions': ({ scale }, ctx) => anchorVersions(ctx.db, scale),

  'scoring.updateAnchors': ({ scale, texts }, ctx) => {
    const set = insertAnchorVersion(ctx.db, scale, texts, ctx.actor?.id ?? null, ctx.now);
    ctx.emit('data.changed', { area: 'scoring' });
    return set;
  },

  'scoring.recordings': ({ search }, ctx) => {
    // Every family's recordings to choose from: one row without a family (see families.list).
    ctx.logTeamAccess(`opnamen om te scoren${search?.trim() ? '; met zoekterm' : ''}`);
    return listRecordingBriefs(ctx.db, search);
  },

  'scoring.sheet': ({ recordingId, roundId }, ctx) => {
    const rater = actorOf(ctx);
    const recording = requireRecording(ctx, recordingId);
    const round = resolveRound(ctx, rater, recording, roundId);
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}; ${contextLabel(round)}`);
    return buildSheet(ctx, rater, recording, round);
  },

  'scoring.saveScore': (input, ctx) => {
    const rater = actorOf(ctx);
    const recording = requireRecording(ctx, input.recordingId);
    const round = prepareChange(ctx, rater, recording, input.roundId);
    if (!recording.caregivers.some((caregiver) => caregiver.id === input.caregiverId)) {
      throw new AppError('invalid_input', msg('Deze ouder/verzorger is niet in beeld in deze opname.', 'This parent/caregiver is not in view in this recording.'), { caregiverId: msg('Niet in beeld in deze opname.', 'Not in view in this recording.') });
    }
    let anchorVersionId: number | undefined;
    if (input.value !== undefined && input.value !== null) {
      if (input.anchorVersionId !== undefined) {
        if (anchorVersionScale(ctx.db, input.anchorVersionId) !== input.scale) {
          throw new AppError('invalid_input', msg('Deze versie van de ankerteksten hoort niet bij deze schaal.', 'This version of the anchor texts does not belong to this scale.'), { anchorVersionId: msg('Onbekende versie.', 'Unknown version.') });
        }
        anchorVersionId = input.anchorVersionId;
      } else {
        anchorVersionId = currentAnchorVersionId(ctx.db, input.scale);
      }
    }
    const sheet = findSheet(ctx.db, rater.id, recording.id, round?.id ?? null) ?? createSheet(ctx.db, rater.id, recording.id, round?.id ?? null, ctx.now);
    if (sheet.status === 'submitted') throw new AppError('conflict', lockReasonText('submitted', false)!);
    upsertScore(
      ctx.db,
      sheet.id,
      input.caregiverId,
      input.scale as ScaleKey,
      {
        ...(input.value !== undefined ? { value: input.value, anchorVersionId: anchorVersionId ?? null } : {}),
        ...(input.rationale !== undefined ? { rationale: input.rationale } : {}),
      },
      ctx.now,
    );
    // Never the value itself: a coordinator reads this log while the round may still be blind.
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}; ${input.scale}; ${contextLabel(round)}`);
    ctx.emit('data.changed', { area: 'scoring', id: recording.id });
    return buildSheet(ctx, rater, recording, round);
  },

  'scoring.submit': ({ recordingId, roundId }, ctx) => {
    const rater = actorOf(ctx);
    const recording = requireRecording(ctx, recordingId);
    const round = prepareChange(ctx, rater, recording, roundId);
    const sheet = findSheet(ctx.db, rater.id, recording.id, round?.id ?? null);
    if (sheet?.status === 'submitted') throw new AppError('conflict', msg('Deze scores zijn al ingediend.', 'These scores have already been submitted.'));
    if (recording.caregivers.length === 0) {
      throw new AppError('invalid_input', msg(
        'Er is geen ouder/verzorger in beeld in deze opname; koppel eerst een ouder aan de opname.',
        'No parent/caregiver is in view in this recording; link a parent to the recording first.',
      ));
    }
    const missing = missingScores(recording.caregivers, sheet ? sheetScores(ctx.db, sheet.id) : []);
    if (!sheet || missing.length > 0) {
      const what = describeMissingText(missing);
      throw new AppError(
        'invalid_input',
        msg(
          `Nog niet alles gescoord: ${what.nl}. Indienen kan als beide schalen voor elke ouder in beeld een score hebben.`,
          `Not everything has been scored yet: ${what.en}. You can submit once both scales have a score for every parent in view.`,
        ),
      );
    }
    setSheetStatus(ctx.db, sheet.id, 'submitted', ctx.now);
    addSheetEvent(ctx.db, sheet.id, 'submitted', '', rater.id, ctx.now);
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}; ingediend; ${contextLabel(round)}`);
    if (round && revealIfEveryoneSubmitted(ctx.db, round.id, ctx.now)) {
      ctx.logFamilyAccess(recording.familyId, `ronde ${round.id} automatisch onthuld: iedereen heeft ingediend`);
    }
    ctx.emit('data.changed', { area: 'scoring', id: recording.id });
    if (round) ctx.emit('meeting.changed', { roundId: round.id });
    return buildSheet(ctx, rater, recording, round ? findRound(ctx.db, round.id) : null);
  },

  'scoring.reopen': ({ recordingId, roundId, reason }, ctx) => {
    const rater = actorOf(ctx);
    const recording = requireRecording(ctx, recordingId);
    const round = resolveRound(ctx, rater, recording, roundId);
    if (round?.revealed_at) {
      throw new AppError('conflict', msg(
        'Deze ronde is al onthuld; ingediende scores kunnen niet meer worden heropend. Leg een afwijkend oordeel vast in de bespreking of de consensus.',
        'This round has already been revealed; submitted scores can no longer be reopened. Record a different judgement in the discussion or the consensus.',
      ));
    }
    const sheet = findSheet(ctx.db, rater.id, recording.id, round?.id ?? null);
    if (!sheet || sheet.status !== 'submitted') throw new AppError('conflict', msg(
      'Deze scores zijn niet ingediend; u kunt ze gewoon wijzigen.',
      'These scores have not been submitted; you can simply change them.',
    ));
    setSheetStatus(ctx.db, sheet.id, 'draft', ctx.now);
    addSheetEvent(ctx.db, sheet.id, 'reopened', reason, rater.id, ctx.now);
    // That it happened, never why: the reason is free text (about the recording, perhaps about a
    // score), a coordinator reads this log before the reveal, and log rows outlive an erasure.
    // The reason stays in the sheet's own history, which only its rater sees.
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}; heropend; ${contextLabel(round)}`);
    ctx.emit('data.changed', { area: 'scoring', id: recording.id });
    if (round) ctx.emit('meeting.changed', { roundId: round.id });
    return buildSheet(ctx, rater, recording, round);
  },

  'scoring.mine': (_input, ctx) => {
    const rater = actorOf(ctx);
    const sheets = sheetsOfRater(ctx.db, rater.id);
    // The rater's own sheets across families: one row without a family.
    ctx.logTeamAccess('eigen scoreformulieren');
    const briefs = recordingBriefs(ctx.db, [...new Set(sheets.map((sheet) => sheet.recording_id))]);
    const rounds = new Map<number, RoundRow | null>();
    const roundOf = (id: number) => (rounds.has(id) ? rounds.get(id)! : rounds.set(id, findRound(ctx.db, id)).get(id)!);
    return sheets.flatMap((sheet) => {
      const recording = briefs.get(sheet.recording_id);
      if (!recording) return [];
      return [
        {
          recording: shownIn(ctx, recording, sheet.round_id === null ? null : roundOf(sheet.round_id)),
          roundId: sheet.round_id,
          roundName: sheet.round_name,
          blind: sheet.blind === 1,
          status: sheet.status,
          submittedAt: sheet.submitted_at,
          updatedAt: sheet.updated_at,
          scores: sheetScores(ctx.db, sheet.id).map(({ caregiverId, scale, value }) => ({ caregiverId, scale, value })),
        },
      ];
    });
  },

  'scoring.forRecording': ({ recordingId }, ctx) => {
    const rater = actorOf(ctx);
    const recording = requireRecording(ctx, recordingId);
    const rows = ctx.db
      .prepare(
        `SELECT s.id, s.rater_id, r.name AS rater_name, s.round_id, ro.name AS round_name, s.blind, s.submitted_at
         FROM score_sheets s JOIN raters r ON r.id = s.rater_id LEFT JOIN rounds ro ON ro.id = s.round_id
         WHERE s.recording_id = @recordingId AND s.rater_id <> @viewerId AND s.status = 'submitted'
           AND (s.round_id IS NULL OR ro.revealed_at IS NOT NULL)
           AND ${visibleToViewerSql('s.recording_id', 's.rater_id')}
         ORDER BY s.submitted_at, s.id`,
      )
      .all({ recordingId, viewerId: rater.id }) as {
      id: number;
      rater_id: number;
      rater_name: string;
      round_id: number | null;
      round_name: string | null;
      blind: number;
      submitted_at: string;
    }[];
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}; scores van anderen (${rows.length})`);
    return rows.map(
      (row): OtherSheet => ({
        raterId: row.rater_id,
        raterName: row.rater_name,
        roundId: row.round_id,
        roundName: row.round_name,
        blind: row.blind === 1,
        submittedAt: row.submitted_at,
        scores: sheetScores(ctx.db, row.id).map(({ caregiverId, scale, value, rationale, anchorVersion }) => ({
          caregiverId,
          scale,
          value,
          rationale,
          anchorVersion,
        })),
      }),
    );
  },
};

/** Scoring and rounds: one entry for the handler table. */
export const scoringHandlers: Pick<Handlers, keyof typeof scoringAreaHandlers | keyof typeof roundHandlers> = {
  ...scoringAreaHandlers,
  ...roundHandlers,
};

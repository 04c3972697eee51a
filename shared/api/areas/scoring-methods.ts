import { z } from 'zod';
import { ANCHOR_POINTS, SCALE_KEYS } from '../../domain/scales';
import type {
  AnchorSet,
  Meeting,
  MySheetSummary,
  OtherSheet,
  RecordingBrief,
  RoundDetail,
  RoundSummary,
  ScoreSheet,
} from '../../domain/scoring';
import type { ExportFile } from '../../domain/trends';
import { method, noInput as none, type MethodSpec } from '../method-spec';
import { calendarDate, id, noteText, requiredText, shortText } from '../schemas';
import { say } from '../validation-messages';

const SCORE_MESSAGE = say('Een score is een geheel getal van 1 tot en met 9.', 'A score is a whole number from 1 to 9.');

/** 1–9, whole points only; 0, 10, 4.5 and text all get the same plain Dutch message. */
export const scoreValue = z.number({ error: SCORE_MESSAGE }).int(SCORE_MESSAGE).min(1, SCORE_MESSAGE).max(9, SCORE_MESSAGE);
export const scaleKey = z.enum(SCALE_KEYS, { error: say('Onbekende schaal: kies sensitivity of cooperation.', 'Unknown scale: choose sensitivity or cooperation.') });
/** A round id, or null for practice ("niet blind"). */
const roundRef = id.nullable();
const sheetRef = { recordingId: id, roundId: roundRef };

const anchorText = z.strictObject({
  title: requiredText({ nl: 'Titel van het anker', en: 'Anchor title' }, 80),
  text: requiredText({ nl: 'Ankertekst', en: 'Anchor text' }, 1000),
});
const anchorEntry = z.strictObject({ nl: anchorText, en: anchorText.optional() });
const anchorTexts = z.strictObject(
  Object.fromEntries(ANCHOR_POINTS.map((point) => [String(point), anchorEntry])) as Record<`${(typeof ANCHOR_POINTS)[number]}`, typeof anchorEntry>,
);

/** `what` is plural: Dutch and English ('opnamen', 'recordings'). */
const idList = (what: string, whatEn: string, min: number) =>
  z
    .array(id)
    .min(min, say(`Kies minstens ${min} ${what}.`, `Choose at least ${min} ${whatEn}.`))
    .max(200, say(`Maximaal 200 ${what}.`, `At most 200 ${whatEn}.`))
    .refine((ids) => new Set(ids).size === ids.length, say(`Er staat iets dubbel in de ${what}.`, `Something appears twice in the ${whatEn}.`));

const roundName = requiredText({ nl: 'Naam van de ronde', en: 'Round name' }, 120);
const revealRule = z.enum(['all_submitted', 'coordinator'], { error: say('Kies wanneer de scores zichtbaar worden.', 'Choose when the scores become visible.') });
const roundKind = z.enum(['round', 'meeting'], { error: say('Kies ronde of intervisie.', 'Choose round or peer review meeting.') });
const itemRef = { roundId: id, recordingId: id, caregiverId: id, scale: scaleKey };

/** Scoring (scale anchors, score sheets) and scoring rounds with the intervisie meeting. */
export const scoringMethods = {
  'scoring.anchors': method<AnchorSet[]>()('De huidige ankerteksten van beide schalen.', none),
  'scoring.anchorVersions': method<AnchorSet[]>()('Alle versies van de ankerteksten van één schaal, nieuwste eerst.', z.strictObject({ scale: scaleKey })),
  'scoring.updateAnchors': method<AnchorSet>()(
    'Nieuwe versie van de ankerteksten van één schaal (alleen coördinator); bestaande scores houden hun versie.',
    z.strictObject({ scale: scaleKey, texts: anchorTexts }),
  ),

  'scoring.recordings': method<RecordingBrief[]>()(
    'Alle opnamen om uit te kiezen (oefenen, een ronde samenstellen); alleen gezinscodes.',
    z.strictObject({ search: shortText(40).optional() }),
  ),
  'scoring.sheet': method<ScoreSheet>()(
    'Mijn scoreformulier voor een opname: in een ronde (roundId), als oefening (null) of automatisch (weggelaten).',
    z.strictObject({ recordingId: id, roundId: roundRef.optional() }),
  ),
  'scoring.saveScore': method<ScoreSheet>()(
    'Sla één score en/of onderbouwing op als concept (direct, bij elke wijziging).',
    z
      .strictObject({
        ...sheetRef,
        caregiverId: id,
        scale: scaleKey,
        value: scoreValue.nullable().optional(),
        rationale: noteText.optional(),
        anchorVersionId: id.optional(),
      })
      .refine((input) => input.value !== undefined || input.rationale !== undefined, say('Geef een score of een onderbouwing.', 'Give a score or a rationale.')),
  ),
  'scoring.submit': method<ScoreSheet>()('Dien het formulier in: alle scores liggen daarna vast.', z.strictObject(sheetRef)),
  'scoring.reopen': method<ScoreSheet>()(
    'Heropen een ingediend formulier; de reden wordt vastgelegd.',
    z.strictObject({ ...sheetRef, reason: requiredText({ nl: 'Reden om te heropenen', en: 'Reason for reopening' }, 500) }),
  ),
  'scoring.mine': method<MySheetSummary[]>()('Al mijn scoreformulieren (rondes en oefeningen).', none),
  'scoring.forRecording': method<OtherSheet[]>()(
    'Ingediende scores van anderen op een opname, alleen als de blindheidsregel dat toestaat.',
    z.strictObject({ recordingId: id }),
  ),

  'rounds.list': method<RoundSummary[]>()('Scoringsrondes: alle voor een coördinator, anders de eigen.', none),
  'rounds.get': method<RoundDetail>()('Eén ronde: agenda en wie heeft ingediend (alleen namen).', z.strictObject({ roundId: id })),
  'rounds.create': method<RoundDetail>()(
    'Nieuwe scoringsronde (alleen coördinator).',
    z.strictObject({
      name: roundName,
      heldOn: calendarDate,
      kind: roundKind.optional(),
      revealRule,
      recordingIds: idList('opnamen', 'recordings', 1),
      raterIds: idList('beoordelaars', 'raters', 2),
      /** Raters see neutral clip codes instead of family, date and moment, in their own order, until the reveal. */
      blindMoment: z.boolean().optional(),
    }),
  ),
  'rounds.update': method<RoundDetail>()(
    'Wijzig een ronde vóór het onthullen (alleen coördinator); notities mogen altijd.',
    z
      .strictObject({
        roundId: id,
        name: roundName.optional(),
        heldOn: calendarDate.optional(),
        kind: roundKind.optional(),
        revealRule: revealRule.optional(),
        recordingIds: idList('opnamen', 'recordings', 1).optional(),
        raterIds: idList('beoordelaars', 'raters', 2).optional(),
        blindMoment: z.boolean().optional(),
        notes: noteText.optional(),
      })
      .refine((value) => Object.keys(value).some((key) => key !== 'roundId'), say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.')),
  ),
  'rounds.reveal': method<RoundDetail>()('Maak de scores van de ronde zichtbaar (alleen coördinator).', z.strictObject({ roundId: id })),
  'rounds.meeting': method<Meeting>()(
    'De intervisie: agenda, na het onthullen alle scores per schaal en ouder, gesorteerd op verschil.',
    z.strictObject({ roundId: id }),
  ),
  'rounds.minutesPdf': method<ExportFile>()(
    'De notulen van de intervisie als PDF, pas na het onthullen: scores, consensus, bespreking, overeenstemming (wie de intervisie mag zien).',
    z.strictObject({ roundId: id }),
  ),
  'rounds.saveDiscussion': method<Meeting>()(
    'Bespreeknotitie bij één onderdeel (alleen coördinator, na het onthullen).',
    z.strictObject({ ...itemRef, discussion: noteText }),
  ),
  'rounds.setConsensus': method<Meeting>()(
    'Consensusscore bij één onderdeel met wie instemden (alleen coördinator, na het onthullen); null wist hem.',
    z.strictObject({ ...itemRef, value: scoreValue.nullable(), agreedBy: z.array(id).max(50).default([]) }),
  ),
} as const satisfies Record<string, MethodSpec>;

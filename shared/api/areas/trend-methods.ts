import { z } from 'zod';
import type { ExportFile, FamilyTrend, TeamOverview } from '../../domain/trends';
import { EXPORT_LANGUAGES } from '../../domain/exports';
import { ACTIVITIES } from '../../domain/vocabulary';
import { method, type MethodSpec } from '../method-spec';
import { calendarDate, caregiverRole, familyPhase, id } from '../schemas';
import { say } from '../validation-messages';

/** Period, phase, caregiver role, activity, rater and (team only) families; every one optional. */
export const trendFilters = z
  .strictObject({
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    phase: familyPhase.optional(),
    caregiverRole: caregiverRole.optional(),
    activity: z.enum(ACTIVITIES, { error: say('Onbekende activiteit.', 'Unknown activity.') }).optional(),
    raterId: id.optional(),
    /** The team page's family filter: these families only (none given: all). */
    familyIds: z.array(id).min(1, say('Kies minstens één gezin, of alle gezinnen.', 'Choose at least one family, or all families.')).max(10_000, say('Te veel gezinnen gekozen.', 'Too many families chosen.')).optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: say('De begindatum ligt na de einddatum.', 'The start date is after the end date.'),
    path: ['to'],
  });

const filters = { filters: trendFilters.default({}) };
/** Headers and texts of a file in the UI's language; Dutch unless the UI is English. */
const language = { language: z.enum(EXPORT_LANGUAGES, { error: say('Kies nl of en als taal.', 'Choose nl or en as the language.') }).default('nl') };

/**
 * Coordinator trends and exports. Values follow one rule everywhere: consensus where there is
 * one, else the mean of submitted blind scores of revealed rounds; a recording in a round that is
 * still blind is left out. Files come back as base64 with a pseudonymous file name
 * (shared/domain/exports.ts). `familyId` narrows an export to one family (the family page);
 * `filters.familyIds` is the team page's family filter, for the overview and its exports alike.
 */
export const trendMethods = {
  'trends.family': method<FamilyTrend>()(
    'Verloop van één gezin per ouder en schaal over de meetmomenten (alleen coördinator).',
    z.strictObject({ familyId: id, ...filters }),
  ),
  'trends.team': method<TeamOverview>()(
    'Teamoverzicht: verandering voormeting → nameting/follow-up, effectgrootte, fasen, wachtende opnamen (alleen coördinator).',
    z.strictObject(filters),
  ),
  'trends.exportCsv': method<ExportFile>()(
    'Alle scores in lang formaat als CSV: komma, of puntkomma met decimale komma voor Excel-NL (alleen coördinator).',
    z.strictObject({ ...filters, ...language, familyId: id.optional(), dialect: z.enum(['comma', 'semicolon'], { error: say('Kies komma of puntkomma.', 'Choose comma or semicolon.') }) }),
  ),
  'trends.exportXlsx': method<ExportFile>()(
    'Alle scores in lang formaat plus waarden per meetmoment als Excel-bestand (alleen coördinator).',
    z.strictObject({ ...filters, ...language, familyId: id.optional() }),
  ),
  'trends.exportFamilyPdf': method<ExportFile>()(
    'Rapport van één gezin voor de behandelaar als PDF: verloop, scores, uitleg; zonder namen (alleen coördinator).',
    z.strictObject({ familyId: id, ...filters, ...language }),
  ),
  'trends.exportTeamPdf': method<ExportFile>()('Het teamoverzicht als PDF (alleen coördinator).', z.strictObject({ ...filters, ...language })),
} as const satisfies Record<string, MethodSpec>;

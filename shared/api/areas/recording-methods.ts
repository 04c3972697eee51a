import { z } from 'zod';
import type { MediaJob, Recording, RecordingSummary } from '../../domain/entities';
import { ACTIVITIES, MOMENTS } from '../../domain/vocabulary';
import { method, type MethodSpec } from '../method-spec';
import { calendarDate, id, noteText } from '../schemas';
import { say } from '../validation-messages';

export const activity = z.enum(ACTIVITIES, { error: say('Kies bad, voeden, verschonen, spelen of anders.', 'Choose bathing, feeding, changing, playing or other.') });
export const moment = z.enum(MOMENTS, { error: say('Kies voormeting, nameting, follow-up of geen.', 'Choose pre-measurement, post-measurement, follow-up or none.') });
const caregiverIds = z
  .array(id)
  .min(1, say('Kies minstens één ouder/verzorger die in beeld is.', 'Choose at least one parent/caregiver who is in view.'))
  .max(6)
  .refine((ids) => new Set(ids).size === ids.length, say('Een ouder/verzorger staat dubbel in de lijst.', 'A parent/caregiver appears twice in the list.'));

/** What a recording is, apart from its file: used by every way of importing. */
export const recordingImportInput = z.strictObject({
  familyId: id,
  visitId: id,
  caregiverIds,
  activity,
  moment,
  recordedOn: calendarDate,
  notes: noteText.optional(),
});
export type RecordingImportInput = z.output<typeof recordingImportInput>;

/** Video: recordings of home visits, their playback state and the media job queue. */
export const recordingMethods = {
  'recordings.list': method<RecordingSummary[]>()('Opnamen van een gezin.', z.strictObject({ familyId: id })),
  'recordings.get': method<Recording>()('Eén opname met alles wat de speler nodig heeft.', z.strictObject({ id })),
  'recordings.update': method<Recording>()(
    'Wijzig huisbezoek, ouders in beeld, activiteit, meetmoment, datum of notities.',
    z
      .strictObject({
        id,
        visitId: id.optional(),
        caregiverIds: caregiverIds.optional(),
        activity: activity.optional(),
        moment: moment.optional(),
        recordedOn: calendarDate.optional(),
        notes: noteText.optional(),
      })
      .refine((value) => Object.keys(value).length > 1, say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.')),
  ),
  'recordings.remove': method<{ removed: true }>()('Verwijder een opname met haar bestanden.', z.strictObject({ id })),
  'recordings.savePosition': method<{ saved: true }>()(
    'Onthoud waar de beoordelaar in de opname was.',
    z.strictObject({ id, positionMs: z.number().int().min(0).max(24 * 3600 * 1000) }),
  ),
  'recordings.importUpload': method<Recording>()(
    'Maak een opname van een geüpload bestand (browsermodus en slepen): controleren, vastleggen, taken starten.',
    recordingImportInput.extend({
      uploadId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, say('Onbekende upload.', 'Unknown upload.')),
    }),
  ),
  'recordings.importFromDialog': method<Recording[]>()(
    'Kies video-bestanden in het venster van het besturingssysteem en importeer ze (alleen in de desktop-app).',
    recordingImportInput,
  ),
  'jobs.list': method<MediaJob[]>()(
    'Mediataken: lopend en recent.',
    z.strictObject({ recordingId: id.optional(), includeFinished: z.boolean().optional() }),
  ),
  'jobs.cancel': method<MediaJob>()('Annuleer een mediataak.', z.strictObject({ id })),
  'jobs.retry': method<MediaJob>()('Probeer een mislukte of geannuleerde mediataak opnieuw.', z.strictObject({ id })),
} as const satisfies Record<string, MethodSpec>;

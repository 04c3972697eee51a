import { z } from 'zod';
import type { MediaJob } from '../../domain/entities';
import { method, type MethodSpec } from '../method-spec';
import { id } from '../schemas';
import { say } from '../validation-messages';

/** A finished (or running) video export of fragments: one clip per fragment, or the feedback reel. */
export interface VideoExport {
  job: MediaJob;
  kind: 'fragment_clip' | 'reel';
  /** Family code and date, never a person's name, e.g. OB-26-001_2026-03-01_feedbackfilm.mp4 */
  fileName: string;
  /** Relative URL of the finished file (GET, same origin), or null while it is being made. */
  downloadUrl: string | null;
  fragmentIds: number[];
}

/** Video exports of fragments for the parents' video feedback, made as media jobs with progress. */
export const videoExportMethods = {
  'videoExports.fragmentClips': method<VideoExport[]>()(
    'Maak van elk gekozen fragment een los MP4-bestand.',
    z.strictObject({
      recordingId: id,
      fragmentIds: z
        .array(id)
        .min(1, say('Kies minstens één fragment.', 'Choose at least one fragment.'))
        .max(50, say('Maximaal 50 fragmenten tegelijk.', 'At most 50 fragments at a time.'))
        .refine((ids) => new Set(ids).size === ids.length, say('Er staat een fragment dubbel in de lijst.', 'A fragment appears twice in the list.')),
    }),
  ),
  'videoExports.feedbackReel': method<VideoExport>()(
    'Maak de feedbackfilm: de fragmenten "voor videofeedback" van een opname op volgorde, elk met een korte titelkaart.',
    z.strictObject({ recordingId: id }),
  ),
  'videoExports.list': method<VideoExport[]>()('Video-exports van een opname.', z.strictObject({ recordingId: id })),
} as const satisfies Record<string, MethodSpec>;

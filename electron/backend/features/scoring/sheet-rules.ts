import { msg, type Bilingual } from '../../../../shared/api/envelope';
import { SCALE_KEYS, type ScaleKey } from '../../../../shared/domain/scales';
import type { Caregiver } from '../../../../shared/domain/entities';
import type { SheetStatus } from '../../../../shared/domain/scoring';

// Pure rules of a score sheet, kept apart from SQL so they can be tested on their own.

export const SCALE_LABELS_NL: Record<ScaleKey, string> = {
  sensitivity: 'Sensitiviteit',
  cooperation: 'Coöperatie',
};

/** Scales × caregivers in view that still have no value; a sheet can be submitted only when this is empty. */
export function missingScores(
  caregivers: readonly Pick<Caregiver, 'id' | 'label'>[],
  scores: readonly { caregiverId: number; scale: ScaleKey; value: number | null }[],
): { caregiverId: number; caregiverLabel: string; scale: ScaleKey }[] {
  const filled = new Set(scores.filter((score) => score.value !== null).map((score) => `${score.caregiverId}:${score.scale}`));
  return caregivers.flatMap((caregiver) =>
    SCALE_KEYS.filter((scale) => !filled.has(`${caregiver.id}:${scale}`)).map((scale) => ({
      caregiverId: caregiver.id,
      caregiverLabel: caregiver.label,
      scale,
    })),
  );
}

const SCALE_LABELS_EN: Record<ScaleKey, string> = {
  sensitivity: 'Sensitivity',
  cooperation: 'Cooperation',
};

/** "Sensitiviteit voor moeder, Coöperatie voor moeder" — for the Dutch refusal of an incomplete submit. */
export const describeMissing = (missing: readonly { caregiverLabel: string; scale: ScaleKey }[]): string => describeMissingText(missing).nl;

/** The same list in both languages (the caregiver's label is as the team typed it). */
export function describeMissingText(missing: readonly { caregiverLabel: string; scale: ScaleKey }[]): Bilingual {
  const list = (parts: string[], more: string) => (parts.length <= 4 ? parts.join(', ') : `${parts.slice(0, 4).join(', ')} ${more} ${parts.length - 4}`);
  return msg(
    list(missing.map((item) => `${SCALE_LABELS_NL[item.scale]} voor ${item.caregiverLabel}`), 'en nog'),
    list(missing.map((item) => `${SCALE_LABELS_EN[item.scale]} for ${item.caregiverLabel}`), 'and'),
  );
}

const LOCK_REASONS = {
  revealed: msg('Deze ronde is onthuld; de scores in deze ronde liggen vast.', 'This round has been revealed; the scores in this round are fixed.'),
  submitted: msg(
    'Deze scores zijn ingediend en liggen vast. Heropen ze eerst (met een reden) om iets te wijzigen.',
    'These scores have been submitted and are fixed. Reopen them first (with a reason) to change anything.',
  ),
};

/** Why a sheet cannot change, or null when it can (Dutch: the score sheet shows it). */
export const lockReason = (status: SheetStatus | 'none', roundRevealed: boolean): string | null => lockReasonText(status, roundRevealed)?.nl ?? null;

/** The same reason in both languages, for a refusal. */
export function lockReasonText(status: SheetStatus | 'none', roundRevealed: boolean): Bilingual | null {
  if (roundRevealed) return LOCK_REASONS.revealed;
  if (status === 'submitted') return LOCK_REASONS.submitted;
  return null;
}

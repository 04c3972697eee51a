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

/** "Sensitiviteit voor moeder, Coöperatie voor moeder" — for the Dutch refusal of an incomplete submit. */
export function describeMissing(missing: readonly { caregiverLabel: string; scale: ScaleKey }[]): string {
  const parts = missing.map((item) => `${SCALE_LABELS_NL[item.scale]} voor ${item.caregiverLabel}`);
  return parts.length <= 4 ? parts.join(', ') : `${parts.slice(0, 4).join(', ')} en nog ${parts.length - 4}`;
}

/** Why a sheet cannot change, or null when it can. */
export function lockReason(status: SheetStatus | 'none', roundRevealed: boolean): string | null {
  if (roundRevealed) return 'Deze ronde is onthuld; de scores in deze ronde liggen vast.';
  if (status === 'submitted') return 'Deze scores zijn ingediend en liggen vast. Heropen ze eerst (met een reden) om iets te wijzigen.';
  return null;
}

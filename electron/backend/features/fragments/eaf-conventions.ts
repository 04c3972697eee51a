/**
 * How fragments live in an ELAN (.eaf) file, shared by the writer and the reader so that an export
 * reads back unchanged:
 *
 * - one top-level tier per rater, TIER_ID = the rater's initials (never a family's name), of the
 *   linguistic type `fragment`, which is time-alignable and uses the controlled vocabulary `labels`
 *   (one CV_ENTRY_ML per tag);
 * - one ALIGNABLE_ANNOTATION per fragment, its two time slots in milliseconds (a moment has two
 *   slots with the same time), its value the tag names joined by " | ";
 * - the rest of a fragment in dependent tiers of the type `toelichting` (Symbolic_Association, one
 *   REF_ANNOTATION per fragment that has a value), named "<rater tier> <suffix>":
 *   `notitie` (the note), `ouder` (the caregiver's role, "moeder 2" when a role occurs twice, or
 *   "geen"), `videofeedback` ("ja"), and `vraag: <question>` (the answer to that question).
 *
 * Someone working in ELAN can follow the same convention by hand; tiers that follow none of it are
 * reported and left alone on import.
 */
export const EAF = {
  fragmentType: 'fragment',
  detailType: 'toelichting',
  vocabulary: 'labels',
  language: 'nld',
  note: 'notitie',
  caregiver: 'ouder',
  noCaregiver: 'geen',
  feedback: 'videofeedback',
  yes: 'ja',
  no: 'nee',
  questionPrefix: 'vraag: ',
} as const;

/** Tag names in one annotation value. */
export function splitTagNames(value: string): string[] {
  return value
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

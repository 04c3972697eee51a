import type { TFunction } from 'i18next';
import type { RecordingBrief } from '../../../../shared/domain/scoring';

/** "OB-26-001 · 2026-03-01 · Voormeting · Spelen": how scoring screens name a recording (a code, never a name). */
export function recordingLabel(t: TFunction, recording: RecordingBrief): string {
  return [recording.familyCode, recording.recordedOn, t(`scoring.moments.${recording.moment}`), t(`scoring.activities.${recording.activity}`)].join(' · ');
}

export function caregiverList(recording: RecordingBrief): string {
  return recording.caregivers.map((caregiver) => caregiver.label).join(', ');
}

export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
}

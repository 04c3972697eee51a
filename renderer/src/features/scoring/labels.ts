import type { TFunction } from 'i18next';
import type { ShownRecording } from '../../../../shared/domain/scoring';

/**
 * "OB-26-001 #42 · 2026-03-01 · Voormeting · Spelen": how scoring screens name a recording (a code,
 * never a name; the clip code tells two recordings of one visit apart). A round blind to the
 * moment shows only "Clip B · Spelen".
 */
export function recordingLabel(t: TFunction, recording: ShownRecording): string {
  if (recording.masked) return [recording.clipCode, t(`scoring.activities.${recording.activity}`)].join(' · ');
  return [recording.clipCode, recording.recordedOn, t(`scoring.moments.${recording.moment}`), t(`scoring.activities.${recording.activity}`)].join(' · ');
}

export function caregiverList(recording: ShownRecording): string {
  return recording.caregivers.map((caregiver) => caregiver.label).join(', ');
}

export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
}

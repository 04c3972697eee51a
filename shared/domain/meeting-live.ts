import type { Caregiver } from './entities';
import type { MeetingItem, RaterName, SheetStatus } from './scoring';
import type { Activity } from './vocabulary';

// The intervisie on the room's network: the coordinator's laptop shows the clip on the projector
// and offers the meeting on one LAN address; every rater scores on their own phone or laptop.

/** An address of this computer that the meeting can be offered on. */
export interface MeetingAddress {
  address: string;
  /** The network interface, e.g. "wlan0" or "Wi-Fi". */
  interfaceName: string;
}

export interface MeetingCertificateInfo {
  source: 'organisation' | 'self_signed';
  subject: string;
  validUntil: string;
  /** SHA-256 of the certificate, upper-case hex in groups of four: what a browser's certificate viewer shows. */
  fingerprint: string;
  /** base64 SHA-256 of the public key: what a desktop app (or Chromium's SPKI list) pins. */
  spkiPin: string;
}

/** A phone or laptop that joined (or asked to join) the meeting. */
export interface MeetingDevice {
  /** Opaque: names the device for admit/refuse; never a session id. */
  key: string;
  raterId: number;
  raterName: string;
  label: string;
  address: string | null;
  /** waiting = asked to join, the coordinator has not admitted it yet; locked = admitted but idle too long. */
  state: 'waiting' | 'admitted' | 'locked';
  since: string;
}

export interface LiveMeetingInfo {
  roundId: number;
  roundName: string;
  address: string;
  origin: string;
  /** The URL in the QR code: the origin plus the join page with the code. */
  joinUrl: string;
  /** Short, typed on a phone: six characters shown as ABC-DEF. */
  joinCode: string;
  startedAt: string;
  /** The meeting ends on its own at this time (and the join code with it). */
  endsAt: string;
  certificate: MeetingCertificateInfo;
  devices: MeetingDevice[];
  /** The recording on the projector now; devices open its score card. */
  currentRecordingId: number | null;
}

export interface MeetingSetup {
  addresses: MeetingAddress[];
  port: number;
  organisationCertificate: MeetingCertificateInfo | null;
  live: LiveMeetingInfo | null;
}

/** What a device sees before it has joined: which meeting, and whose profile to pick. */
export interface MeetingJoinInfo {
  roundName: string;
  raters: RaterName[];
}

export type MeetingDeviceState = 'guest' | 'waiting' | 'admitted' | 'locked';

/** One recording of the meeting as a device lists it. */
export interface MeetingAgendaItem {
  recordingId: number;
  /** Activity and clip code; a neutral code while the round hides the measurement moment. */
  activity: Activity;
  clipCode: string;
  caregivers: Caregiver[];
  myStatus: SheetStatus | 'none';
  submittedCount: number;
  /** Who has submitted this clip: names, never values (the desktop agenda shows the same). */
  submittedBy: RaterName[];
  raterCount: number;
}

/** A joined device's whole view: refetched at every `meeting.changed`. */
export interface MeetingDeviceView {
  roundId: number;
  roundName: string;
  state: MeetingDeviceState;
  rater: RaterName | null;
  revealed: boolean;
  currentRecordingId: number | null;
  /** In the order this rater scores them (random per rater when the round hides the moment). */
  agenda: MeetingAgendaItem[];
  /** After the reveal: every score per item, as the projector shows them; empty before. */
  results: MeetingItem[];
}

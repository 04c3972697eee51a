import { randomBytes, randomInt } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { isIPv4 } from 'node:net';
import type { MeetingAddress, MeetingCertificateInfo, MeetingDeviceState } from '../../../../shared/domain/meeting-live';
import type { CallerSession, SessionRegistry } from '../session/session-registry';

/** A running listener on the LAN, as the transport (electron/web/lan-host.ts) hands it back. */
export interface MeetingListener {
  origin: string;
  close(): Promise<void>;
}

export interface MeetingListenerOptions {
  /** The one address to bind: never 0.0.0.0. */
  address: string;
  port: number;
  /** What phones put in the address bar (the address, or the organisation certificate's name). */
  hostName: string;
  certPem: string;
  keyPem: string;
  meetingId: string;
  roundId: number;
}

export type OpenMeetingListener = (options: MeetingListenerOptions) => Promise<MeetingListener>;

export interface DeviceEntry {
  key: string;
  session: CallerSession;
  raterId: number;
  label: string;
  state: 'waiting' | 'admitted';
  since: string;
  /** The revealed scores were logged as read for this device (once, not at every refetch). */
  resultsLogged?: boolean;
}

export interface LiveMeeting {
  id: string;
  roundId: number;
  address: string;
  origin: string;
  joinCode: string;
  startedAt: string;
  endsAt: string;
  certificate: MeetingCertificateInfo;
  currentRecordingId: number | null;
  devices: Map<string, DeviceEntry>;
  listener: MeetingListener;
  timer: ReturnType<typeof setTimeout>;
}

// No 0/O or 1/I: read off a projector across a room and typed on a phone.
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const DEFAULT_MEETING_PORT = 47810;

export function newJoinCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export const formatJoinCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;

export interface MeetingServiceOptions {
  sessions: SessionRegistry;
  /** Provided by the transport layer; absent where nothing may listen on the network (tests of data only). */
  openListener?: OpenMeetingListener;
  port?: number;
  /** Loopback addresses other than 127.0.0.1 offered too (tests on one machine: 127.0.0.2). */
  extraAddresses?: string[];
  /** A meeting ends on its own after this long, and its join code with it. */
  maxDurationMs?: number;
  /** Told when a meeting ended on its own (its time was up): the access log and the screens hear it. */
  onAutoStop?: (roundId: number, devicesEnded: number) => void;
}

/**
 * The one live intervisie of this back end, in memory only: a restart ends it (and every joined
 * device's session). Nothing listens beyond 127.0.0.1 unless `live` is set.
 */
export class MeetingService {
  readonly port: number;
  readonly maxDurationMs: number;
  readonly openListener: OpenMeetingListener | undefined;
  live: LiveMeeting | null = null;
  private readonly sessions: SessionRegistry;
  private readonly extraAddresses: string[];
  private readonly onAutoStop: (roundId: number, devicesEnded: number) => void;

  constructor(options: MeetingServiceOptions) {
    this.sessions = options.sessions;
    this.onAutoStop = options.onAutoStop ?? (() => undefined);
    this.openListener = options.openListener;
    this.port = options.port ?? DEFAULT_MEETING_PORT;
    this.extraAddresses = (options.extraAddresses ?? []).filter((address) => isIPv4(address) && address !== '0.0.0.0');
    this.maxDurationMs = options.maxDurationMs ?? 8 * 60 * 60_000;
  }

  /** IPv4 addresses of this computer's network interfaces (not loopback): one of them is chosen. */
  addresses(): MeetingAddress[] {
    const found: MeetingAddress[] = [];
    for (const [interfaceName, entries] of Object.entries(networkInterfaces())) {
      for (const entry of entries ?? []) {
        if (entry.family === 'IPv4' && !entry.internal) found.push({ address: entry.address, interfaceName });
      }
    }
    for (const address of this.extraAddresses) found.push({ address, interfaceName: 'lo (alleen deze computer)' });
    return found;
  }

  newMeetingId(): string {
    return randomBytes(12).toString('base64url');
  }

  /** The live meeting a device's session belongs to, or null when it ended or is another one. */
  meetingOf(caller: CallerSession): LiveMeeting | null {
    const live = this.live;
    return live && caller.scope.kind === 'meeting' && caller.scope.meetingId === live.id ? live : null;
  }

  deviceOf(caller: CallerSession): DeviceEntry | null {
    const entry = this.meetingOf(caller)?.devices.get(caller.id) ?? null;
    return entry && !entry.session.ended ? entry : null;
  }

  /** Devices whose session still lives; a device that left or was ended drops out here. */
  devices(): DeviceEntry[] {
    const live = this.live;
    if (!live) return [];
    for (const [id, entry] of live.devices) if (entry.session.ended) live.devices.delete(id);
    return [...live.devices.values()];
  }

  deviceState(caller: CallerSession, signedIn: boolean): MeetingDeviceState {
    const entry = this.deviceOf(caller);
    if (!entry) return 'guest';
    if (entry.state === 'waiting') return 'waiting';
    return signedIn ? 'admitted' : 'locked';
  }

  async stopAutomatically(): Promise<void> {
    const roundId = this.live?.roundId;
    if (roundId === undefined) return;
    this.onAutoStop(roundId, await this.stop());
  }

  /** Ends the meeting: the listener closes and every device's session ends. Returns how many devices. */
  async stop(): Promise<number> {
    const live = this.live;
    if (!live) return 0;
    this.live = null;
    clearTimeout(live.timer);
    const ended = this.sessions.endWhere((session) => session.scope.kind === 'meeting' && session.scope.meetingId === live.id);
    await live.listener.close();
    return ended;
  }
}

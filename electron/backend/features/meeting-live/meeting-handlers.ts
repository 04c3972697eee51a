import { randomBytes } from 'node:crypto';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Rater } from '../../../../shared/domain/entities';
import type { LiveMeetingInfo, MeetingDeviceView, MeetingSetup } from '../../../../shared/domain/meeting-live';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { findRater } from '../raters/rater-repository';
import { buildMeeting } from '../rounds/round-views';
import { findRound, isAssigned, roundHasRecording, roundRaters, type RoundRow } from '../rounds/round-repository';
import { checkSecret, mustChangePin, sessionInfo } from '../session/session-handlers';
import { viaOf, type CallerSession } from '../session/session-registry';
import { clearOrganisationCertificate, certificateForMeeting, organisationCertificateInfo, saveOrganisationCertificate } from './meeting-certificate';
import { agendaFor } from './meeting-agenda';
import { formatJoinCode, newJoinCode, type DeviceEntry, type LiveMeeting } from './live-meeting';

const CODE_REFUSED = msg(
  'Deze deelnamecode klopt niet of de intervisie is gestopt. Kijk op de projector voor de juiste code.',
  'This join code is not right or the peer review meeting has stopped. Look at the projector for the right code.',
);

function logMeeting(ctx: HandlerContext, action: string, detail: string, rater: Rater | null = ctx.actor, caller: CallerSession = ctx.caller): void {
  appendAccess(ctx.db, { at: ctx.now, rater, familyId: null, action, outcome: 'ok', detail, via: viaOf(caller) });
}

function requireLive(ctx: HandlerContext): LiveMeeting {
  const live = ctx.services.meeting.live;
  if (!live) throw new AppError('conflict', msg('Er loopt nu geen intervisie op het netwerk.', 'No peer review meeting is running on the network right now.'));
  return live;
}

function roundOf(ctx: HandlerContext, roundId: number): RoundRow {
  const round = findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', msg('Deze scoringsronde bestaat niet (meer).', 'This scoring round does not exist (any more).'));
  return round;
}

function liveInfo(ctx: HandlerContext, live: LiveMeeting): LiveMeetingInfo {
  const round = roundOf(ctx, live.roundId);
  return {
    roundId: live.roundId,
    roundName: round.name,
    address: live.address,
    origin: live.origin,
    joinUrl: `${live.origin}/#/join/${live.joinCode}`,
    joinCode: formatJoinCode(live.joinCode),
    startedAt: live.startedAt,
    endsAt: live.endsAt,
    certificate: live.certificate,
    currentRecordingId: live.currentRecordingId,
    devices: ctx.services.meeting.devices().map((entry) => ({
      key: entry.key,
      raterId: entry.raterId,
      raterName: findRater(ctx.db, entry.raterId)?.name ?? '?',
      label: entry.label,
      address: entry.session.address,
      state: entry.state === 'waiting' ? 'waiting' : ctx.services.sessions.actor(ctx.db, entry.session) ? 'admitted' : 'locked',
      since: entry.since,
    })),
  };
}

function setup(ctx: HandlerContext): MeetingSetup {
  const meeting = ctx.services.meeting;
  return {
    addresses: meeting.addresses(),
    port: meeting.port,
    organisationCertificate: organisationCertificateInfo(ctx.db),
    live: meeting.live ? liveInfo(ctx, meeting.live) : null,
  };
}

function requireDevice(ctx: HandlerContext, key: string): DeviceEntry {
  const entry = ctx.services.meeting.devices().find((device) => device.key === key);
  if (!entry) throw new AppError('not_found', msg('Dit apparaat neemt niet (meer) deel.', 'This device is not (or no longer) taking part.'));
  return entry;
}

/** Only a device that reached the meeting's listener may use the join calls; refused elsewhere. */
function meetingCaller(ctx: HandlerContext): { live: LiveMeeting; scope: { meetingId: string; roundId: number } } {
  const scope = ctx.caller.scope;
  if (scope.kind !== 'meeting') throw new AppError('forbidden', msg(
    'Deelnemen aan de intervisie kan alleen op een telefoon of laptop via de deelnamelink.',
    'Joining the peer review meeting is only possible on a phone or laptop through the join link.',
  ));
  const live = ctx.services.meeting.meetingOf(ctx.caller);
  if (!live) throw new AppError('forbidden', msg('De intervisie is gestopt. Dit apparaat is afgemeld.', 'The peer review meeting has stopped. This device has been signed out.'));
  return { live, scope };
}

/** A wrong code counts against the device's address, like a wrong PIN. */
function checkCode(ctx: HandlerContext, live: LiveMeeting, code: string): void {
  ctx.services.sessions.assertAddressAllowed(ctx.caller.address);
  if (code !== live.joinCode || Date.parse(live.endsAt) <= ctx.services.sessions.clock()) {
    ctx.services.sessions.noteFailure(ctx.caller.address);
    throw new AppError('forbidden', CODE_REFUSED, { joinCode: msg('Onjuiste of verlopen code.', 'Incorrect or expired code.') });
  }
}

function listenerProblem(error: unknown, address: string, port: number): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new AppError('conflict', msg(
    `Poort ${port} op ${address} is al in gebruik door een ander programma. Sluit dat, of vraag ICT een andere poort.`,
    `Port ${port} on ${address} is already in use by another program. Close it, or ask IT for another port.`,
  ));
  if (code === 'EADDRNOTAVAIL') return new AppError('conflict', msg(
    `Het adres ${address} hoort niet (meer) bij deze computer. Kies het adres opnieuw.`,
    `The address ${address} does not (or no longer) belong to this computer. Choose the address again.`,
  ));
  if (code === 'EACCES') return new AppError('conflict', msg(
    `Deze computer staat luisteren op ${address}:${port} niet toe. Vraag ICT om een regel in de firewall.`,
    `This computer does not allow listening on ${address}:${port}. Ask IT for a firewall rule.`,
  ));
  return new AppError('unavailable', msg(
    'De intervisie op het netwerk kon niet starten. Er is niets gewijzigd.',
    'The peer review meeting on the network could not start. Nothing has been changed.',
  ));
}

function notifyMeeting(ctx: HandlerContext, roundId: number): void {
  ctx.emit('meeting.changed', { roundId });
}

export const meetingHandlers: HandlersFor<'meeting'> = {
  'meeting.setup': (_input, ctx) => setup(ctx),

  'meeting.start': async ({ roundId, address }, ctx) => {
    const meeting = ctx.services.meeting;
    if (meeting.live) throw new AppError('conflict', msg(
      `Er loopt al een intervisie op het netwerk (${roundOf(ctx, meeting.live.roundId).name}). Stop die eerst.`,
      `A peer review meeting is already running on the network (${roundOf(ctx, meeting.live.roundId).name}). Stop it first.`,
    ));
    const round = roundOf(ctx, roundId);
    if (!meeting.addresses().some((entry) => entry.address === address)) {
      throw new AppError('invalid_input', msg('Kies een adres van deze computer uit de lijst.', 'Choose an address of this computer from the list.'), { address: msg('Geen adres van deze computer.', 'Not an address of this computer.') });
    }
    if (!meeting.openListener) throw new AppError('unavailable', msg(
      'Deze versie van Afstemming kan geen intervisie op het netwerk aanbieden.',
      'This version of Afstemming cannot offer a peer review meeting on the network.',
    ));
    const now = new Date(ctx.services.sessions.clock());
    const certificate = ctx.db.transaction(() => certificateForMeeting(ctx.db, address, now)).immediate();
    const id = meeting.newMeetingId();
    let listener;
    try {
      listener = await meeting.openListener({ address, port: meeting.port, hostName: certificate.hostName, certPem: certificate.certPem, keyPem: certificate.keyPem, meetingId: id, roundId });
    } catch (error) {
      throw listenerProblem(error, address, meeting.port);
    }
    if (meeting.live) {
      // Two coordinators pressed start at once: the first one won.
      await listener.close();
      throw new AppError('conflict', msg('Er is intussen al een intervisie op het netwerk gestart.', 'A peer review meeting on the network has been started in the meantime.'));
    }
    const live: LiveMeeting = {
      id,
      roundId,
      address,
      origin: listener.origin,
      joinCode: newJoinCode(),
      startedAt: now.toISOString(),
      endsAt: new Date(now.getTime() + meeting.maxDurationMs).toISOString(),
      certificate: certificate.info,
      currentRecordingId: null,
      devices: new Map(),
      listener,
      timer: setTimeout(() => void meeting.stopAutomatically(), meeting.maxDurationMs),
    };
    live.timer.unref?.();
    meeting.live = live;
    ctx.db.transaction(() => logMeeting(ctx, 'meeting.start', `ronde ${roundId} "${round.name}" op ${listener.origin}`)).immediate();
    notifyMeeting(ctx, roundId);
    return liveInfo(ctx, live);
  },

  'meeting.stop': async (_input, ctx) => {
    const live = requireLive(ctx);
    const ended = await ctx.services.meeting.stop();
    ctx.db.transaction(() => logMeeting(ctx, 'meeting.stop', `ronde ${live.roundId}; ${ended} apparaat/apparaten afgemeld`)).immediate();
    notifyMeeting(ctx, live.roundId);
    return setup(ctx);
  },

  'meeting.admit': ({ deviceKey }, ctx) => {
    const live = requireLive(ctx);
    const entry = requireDevice(ctx, deviceKey);
    if (entry.state !== 'admitted') {
      entry.state = 'admitted';
      entry.since = ctx.now;
      ctx.services.sessions.unlock(entry.session, entry.raterId);
      logMeeting(ctx, 'meeting.admit', `${findRater(ctx.db, entry.raterId)?.name ?? '?'} toegelaten op ${entry.label} (${entry.session.address ?? '?'})`);
      notifyMeeting(ctx, live.roundId);
    }
    return liveInfo(ctx, live);
  },

  'meeting.refuse': ({ deviceKey }, ctx) => {
    const live = requireLive(ctx);
    const entry = requireDevice(ctx, deviceKey);
    live.devices.delete(entry.session.id);
    ctx.services.sessions.end(entry.session);
    logMeeting(ctx, 'meeting.refuse', `${entry.label} (${entry.session.address ?? '?'}) geweigerd of uit de intervisie gezet`);
    notifyMeeting(ctx, live.roundId);
    return liveInfo(ctx, live);
  },

  'meeting.setCurrent': ({ recordingId }, ctx) => {
    const live = requireLive(ctx);
    if (!roundHasRecording(ctx.db, live.roundId, recordingId)) {
      throw new AppError('invalid_input', msg('Deze opname staat niet op de agenda van deze intervisie.', 'This recording is not on the agenda of this peer review meeting.'), { recordingId: msg('Niet op de agenda.', 'Not on the agenda.') });
    }
    live.currentRecordingId = recordingId;
    notifyMeeting(ctx, live.roundId);
    return liveInfo(ctx, live);
  },

  'meeting.setCertificate': ({ certificatePem, privateKeyPem }, ctx) => {
    saveOrganisationCertificate(ctx.db, certificatePem, privateKeyPem, new Date(ctx.now));
    logMeeting(ctx, 'meeting.certificate', 'certificaat van de organisatie ingesteld');
    return setup(ctx);
  },

  'meeting.clearCertificate': (_input, ctx) => {
    clearOrganisationCertificate(ctx.db);
    logMeeting(ctx, 'meeting.certificate', 'eigen certificaat van deze installatie in gebruik');
    return setup(ctx);
  },

  'meeting.joinInfo': ({ joinCode }, ctx) => {
    const { live } = meetingCaller(ctx);
    checkCode(ctx, live, joinCode);
    return { roundName: roundOf(ctx, live.roundId).name, raters: roundRaters(ctx.db, live.roundId) };
  },

  'meeting.join': async ({ joinCode, raterId, pin, deviceLabel }, ctx) => {
    const { live } = meetingCaller(ctx);
    checkCode(ctx, live, joinCode);
    const rater = findRater(ctx.db, raterId);
    if (!rater?.active || !isAssigned(ctx.db, live.roundId, raterId)) {
      throw new AppError('forbidden', msg('U staat niet op de lijst van beoordelaars van deze intervisie.', 'You are not on the list of raters of this peer review meeting.'), { raterId: msg('Niet in deze ronde.', 'Not in this round.') });
    }
    const meeting = ctx.services.meeting;
    const mine = meeting.deviceOf(ctx.caller);
    if (mine) throw new AppError('conflict', msg('Dit apparaat heeft zich al aangemeld.', 'This device has already signed in.'));
    const taken = meeting.devices().find((entry) => entry.raterId === raterId);
    if (taken) {
      throw new AppError('conflict', msg(
        `${rater.name} neemt al deel op een ander apparaat (${taken.label}). Vraag de coördinator dat apparaat eerst uit de intervisie te zetten.`,
        `${rater.name} is already taking part on another device (${taken.label}). Ask the coordinator to remove that device from the meeting first.`,
      ));
    }
    // The PIN is checked under the same lockout as at the workstation, and per address.
    const outcome = await checkSecret(ctx, rater, pin);
    if (outcome === 'first_secret' || mustChangePin(ctx.db, rater.id)) {
      throw new AppError('forbidden', msg(
        'Kies eerst op de werkplek een eigen pincode; daarna kunt u hier deelnemen.',
        'First choose your own PIN at the workstation; then you can take part here.',
      ));
    }
    if (meeting.devices().some((entry) => entry.raterId === raterId) || meeting.live !== live) {
      throw new AppError('conflict', msg(
        `${rater.name} neemt intussen al deel op een ander apparaat, of de intervisie is gestopt.`,
        `${rater.name} is meanwhile taking part on another device, or the peer review meeting has stopped.`,
      ));
    }
    live.devices.set(ctx.caller.id, {
      key: randomBytes(12).toString('base64url'),
      session: ctx.caller,
      raterId,
      label: deviceLabel,
      state: 'waiting',
      since: ctx.now,
    });
    ctx.caller.device = deviceLabel;
    ctx.db.transaction(() => logMeeting(ctx, 'meeting.join_request', `${rater.name} wil deelnemen met ${deviceLabel}`, rater)).immediate();
    notifyMeeting(ctx, live.roundId);
    return sessionInfo(ctx);
  },

  'meeting.unlock': async ({ pin }, ctx) => {
    const { live } = meetingCaller(ctx);
    const entry = ctx.services.meeting.deviceOf(ctx.caller);
    if (!entry || entry.state !== 'admitted') throw new AppError('forbidden', msg(
      'Dit apparaat is (nog) niet toegelaten tot de intervisie.',
      'This device has not (yet) been admitted to the peer review meeting.',
    ));
    const rater = findRater(ctx.db, entry.raterId);
    if (!rater?.active) throw new AppError('forbidden', msg('Dit profiel is niet (meer) actief.', 'This profile is not (or no longer) active.'));
    await checkSecret(ctx, rater, pin);
    ctx.services.sessions.unlock(ctx.caller, rater.id);
    ctx.db.transaction(() => logMeeting(ctx, 'session.sign_in', 'ontgrendeld in de intervisie', rater)).immediate();
    notifyMeeting(ctx, live.roundId);
    return sessionInfo(ctx);
  },

  'meeting.device': (_input, ctx): MeetingDeviceView => {
    const { live } = meetingCaller(ctx);
    const round = roundOf(ctx, live.roundId);
    const actor = ctx.actor;
    const state = ctx.services.meeting.deviceState(ctx.caller, actor !== null);
    const base = { roundId: round.id, roundName: round.name, state, revealed: round.revealed_at !== null, currentRecordingId: live.currentRecordingId };
    if (state !== 'admitted' || !actor) return { ...base, rater: null, agenda: [], results: [] };
    const meeting = round.revealed_at !== null ? buildMeeting(ctx.db, round, actor.id, true) : null;
    const entry = ctx.services.meeting.deviceOf(ctx.caller);
    if (meeting?.revealed && entry && !entry.resultsLogged) {
      // The revealed scores are family data; a device refetches at every change, but reads them once.
      entry.resultsLogged = true;
      for (const familyId of new Set(meeting.round.recordings.flatMap((recording) => (recording.masked ? [] : [recording.familyId])))) {
        ctx.logFamilyAccess(familyId, `intervisie ronde ${round.id}: scores na onthullen`);
      }
    }
    return {
      ...base,
      rater: { id: actor.id, name: actor.name, initials: actor.initials },
      agenda: agendaFor(ctx.db, round, actor.id),
      results: meeting?.items ?? [],
    };
  },
};

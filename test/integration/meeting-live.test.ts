import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveMeetingInfo } from '../../shared/domain/meeting-live';
import type { Rater } from '../../shared/domain/entities';
import type { Backend } from '../../electron/backend/create-backend';
import { startLanHost } from '../../electron/web/lan-host';
import { peerCertificate } from '../fixtures/peer-certificate';
import { MeetingDevice, plainHttp } from './support/meeting-device';
import { seedFamily, seedRecording } from './support/seed';
import { createRater, localClient, signInAs, startTestBackend, tempDir, TEST_PIN, withCoordinator, type TestBackend } from './support/temp-backend';

const LAN = '127.0.0.2';
let t: TestBackend;
let coordinator: Rater;
let raters: Rater[];
let roundId: number;
let otherRoundId: number;
let recordingId: number;
let otherRecordingId: number;
let caregiverId: number;

beforeEach(async () => {
  const staticDir = tempDir().path;
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Afstemming</title>');
  let backend: Backend | null = null;
  t = startTestBackend(undefined, {
    runJobs: false,
    ports: { openMeetingListener: (options) => startLanHost({ ...options, backend: backend!, staticDir }) },
    meeting: { port: 0, extraAddresses: [LAN] },
  });
  backend = t.backend;
  coordinator = await withCoordinator(t.api, 'Anna Coördinator');
  raters = [];
  for (const [name, initials] of [['Bram', 'BR'], ['Cora', 'CO'], ['Daan', 'DA']] as const) raters.push(await createRater(t.api, { name, initials, role: 'rater' }));
  const family = await seedFamily(t.api, 'OB-26-001');
  caregiverId = family.caregivers[0]!.id;
  recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [caregiverId] });
  otherRecordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [caregiverId], moment: 'nameting' });
  const raterIds = raters.map((r) => r.id);
  roundId = (await t.api.call('rounds.create', { name: 'Intervisie december', heldOn: '2026-12-03', revealRule: 'coordinator', recordingIds: [recordingId, otherRecordingId], raterIds })).id;
  otherRoundId = (await t.api.call('rounds.create', { name: 'Andere ronde', heldOn: '2026-12-03', revealRule: 'coordinator', recordingIds: [otherRecordingId], raterIds })).id;
});
afterEach(async () => {
  await t.backend.services.meeting.stop();
  t.close();
});

/** Reads the certificate the listener presents and checks it against the fingerprint the projector shows. */
async function trustedCertificate(info: LiveMeetingInfo): Promise<string> {
  const certificate = await peerCertificate(info.origin);
  expect(certificate.fingerprint256.replace(/:/g, '')).toBe(info.certificate.fingerprint.replace(/ /g, ''));
  return certificate.toString();
}

async function startMeeting() {
  const info = await t.api.call('meeting.start', { roundId, address: LAN });
  const certPem = await trustedCertificate(info);
  return { info, device: () => new MeetingDevice(info.origin, certPem), code: info.joinCode };
}

async function joined(device: MeetingDevice, code: string, rater: Rater) {
  await device.api.call('meeting.join', { joinCode: code, raterId: rater.id, pin: TEST_PIN, deviceLabel: `Telefoon ${rater.name}` });
  const status = await t.api.call('meeting.setup', {});
  const entry = status.live!.devices.find((d) => d.raterId === rater.id)!;
  await t.api.call('meeting.admit', { deviceKey: entry.key });
}

const accessRows = (action: string) =>
  t.backend.db.prepare('SELECT action, outcome, detail, rater_name FROM access_log WHERE action = ? ORDER BY id').all(action) as { action: string; outcome: string; detail: string; rater_name: string | null }[];

describe('the intervisie on the network', () => {
  it('listens beyond 127.0.0.1 only while a meeting runs, over HTTPS, on the chosen address only', async () => {
    const setup = await t.api.call('meeting.setup', {});
    expect(setup.live).toBeNull();
    expect(setup.addresses.map((a) => a.address)).toContain(LAN);
    await expect(t.api.call('meeting.start', { roundId, address: '0.0.0.0' })).rejects.toMatchObject({ body: { code: 'invalid_input' } });

    const { info } = await startMeeting();
    const url = new URL(info.origin);
    expect(url.protocol).toBe('https:');
    expect(url.hostname).toBe(LAN);
    expect(info.joinCode).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    expect(info.joinUrl).toBe(`${info.origin}/#/join/${info.joinCode.replace('-', '')}`);
    // Plain HTTP on the same port gets a Dutch answer, never the app.
    const plain = await plainHttp(LAN, Number(url.port));
    expect(plain).toMatch(/^HTTP\/1.1 400/);
    expect(plain).toContain('Gebruik het beveiligde adres');
    // The same port on 127.0.0.1 is not ours: nothing listens there.
    await expect(plainHttp('127.0.0.1', Number(url.port))).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await t.api.call('meeting.stop', {});
    await expect(plainHttp(LAN, Number(url.port))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(accessRows('meeting.start').map((row) => row.outcome)).toEqual(['refused', 'ok']);
    expect(accessRows('meeting.stop').map((row) => row.outcome)).toEqual(['ok']);
  });

  it('keeps the same certificate for the same address from meeting to meeting', async () => {
    const first = (await startMeeting()).info.certificate;
    await t.api.call('meeting.stop', {});
    const second = (await startMeeting()).info.certificate;
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.spkiPin).toBe(first.spkiPin);
    expect(second.source).toBe('self_signed');
  });

  it('lets a device in with the code, the rater’s own PIN and the coordinator’s admission, and logs every step', async () => {
    const { code, device } = await startMeeting();
    const phone = device();
    expect((await phone.api.call('session.get', {})).meeting).toMatchObject({ roundId, state: 'guest' });

    await expect(phone.api.call('meeting.joinInfo', { joinCode: 'ZZZ-ZZZ' })).rejects.toMatchObject({ body: { code: 'forbidden', message: expect.stringMatching(/deelnamecode klopt niet/) } });
    const joinInfo = await phone.api.call('meeting.joinInfo', { joinCode: code.toLowerCase() });
    expect(joinInfo.raters.map((r) => r.name)).toEqual(['Bram', 'Cora', 'Daan']);

    await expect(phone.api.call('meeting.join', { joinCode: code, raterId: raters[0]!.id, pin: 'fout-9999', deviceLabel: 'Telefoon' })).rejects.toMatchObject({
      body: { message: expect.stringMatching(/Onjuiste pincode/) },
    });
    await expect(phone.api.call('meeting.join', { joinCode: code, raterId: coordinator.id, pin: TEST_PIN, deviceLabel: 'Telefoon' })).rejects.toMatchObject({
      body: { message: expect.stringMatching(/niet op de lijst/) },
    });
    const waiting = await phone.api.call('meeting.join', { joinCode: code, raterId: raters[0]!.id, pin: TEST_PIN, deviceLabel: 'Telefoon Bram' });
    expect(waiting).toMatchObject({ rater: null, meeting: { state: 'waiting' } });
    // Not admitted yet: no score card.
    await expect(phone.api.call('scoring.sheet', { recordingId, roundId })).rejects.toMatchObject({ body: { code: 'no_rater' } });

    const live = (await t.api.call('meeting.setup', {})).live!;
    // The device's own address (here the loopback it connects from), for the log and the rate limit.
    expect(live.devices).toEqual([expect.objectContaining({ raterName: 'Bram', label: 'Telefoon Bram', state: 'waiting', address: '127.0.0.1' })]);
    await t.api.call('meeting.admit', { deviceKey: live.devices[0]!.key });
    expect((await phone.api.call('session.get', {})).rater?.id).toBe(raters[0]!.id);
    const sheet = await phone.api.call('scoring.sheet', { recordingId, roundId });
    expect(sheet.roundId).toBe(roundId);
    expect(sheet.options.map((o) => o.roundId)).toEqual([roundId]);

    expect(accessRows('meeting.join_request')).toEqual([expect.objectContaining({ rater_name: 'Bram', detail: expect.stringContaining('via Telefoon Bram (127.0.0.1)') })]);
    expect(accessRows('meeting.admit')).toHaveLength(1);
    expect(accessRows('meeting.join').filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });

  it('gives a joined device only the meeting’s calls for its own round: no library, no other round, no practice, no media', async () => {
    const { code, device } = await startMeeting();
    const phone = device();
    await joined(phone, code, raters[0]!);
    for (const [method, input] of [
      ['families.list', {}],
      ['recordings.get', { id: recordingId }],
      ['rounds.get', { roundId }],
      ['raters.list', {}],
      ['session.selectRater', { raterId: raters[1]!.id, pin: TEST_PIN }],
      ['meeting.admit', { deviceKey: 'apparaat-0001' }],
    ] as const) {
      const answer = await phone.call(method, input);
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/alleen daarvoor scoren/) } });
    }
    await expect(phone.api.call('scoring.sheet', { recordingId: otherRecordingId, roundId: otherRoundId })).rejects.toMatchObject({ body: { code: 'forbidden' } });
    await expect(phone.api.call('scoring.saveScore', { recordingId, roundId: null, caregiverId, scale: 'sensitivity', value: 5 })).rejects.toMatchObject({ body: { code: 'forbidden' } });
    for (const path of [`/media/${recordingId}`, '/downloads/1', '/api/upload', '/api/anything']) {
      const res = await phone.raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body).toContain('speelt op de projector');
    }
    expect((await phone.raw('/', { headers: { host: `127.0.0.1:${new URL(phone.origin).port}` } })).status).toBe(421);
    expect((await phone.call('session.get', {})).ok).toBe(true);
    expect((await phone.raw('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
  });

  it('keeps devices apart: each scores as its own rater, a second device cannot claim a joined rater, and nothing leaks before the reveal', async () => {
    const { code, device } = await startMeeting();
    const bram = device();
    const cora = device();
    await joined(bram, code, raters[0]!);
    await joined(cora, code, raters[1]!);
    expect((await bram.api.call('session.get', {})).rater?.name).toBe('Bram');
    expect((await cora.api.call('session.get', {})).rater?.name).toBe('Cora');

    const thief = device();
    await expect(thief.api.call('meeting.join', { joinCode: code, raterId: raters[0]!.id, pin: TEST_PIN, deviceLabel: 'Laptop' })).rejects.toMatchObject({
      body: { code: 'conflict', message: expect.stringMatching(/Bram neemt al deel op een ander apparaat/) },
    });

    for (const [phone, value] of [[bram, 3], [cora, 8]] as const) {
      for (const scale of ['sensitivity', 'cooperation'] as const) {
        await phone.api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale, value, rationale: `GEHEIM-${value}` });
      }
      await phone.api.call('scoring.submit', { recordingId, roundId });
    }
    const view = await bram.api.call('meeting.device', {});
    expect(view.agenda.find((item) => item.recordingId === recordingId)).toMatchObject({ myStatus: 'submitted', submittedCount: 2, raterCount: 3 });
    expect(JSON.stringify(view)).not.toContain('GEHEIM-8');
    expect(JSON.stringify(await bram.api.call('scoring.sheet', { recordingId, roundId }))).not.toContain('GEHEIM-8');

    await t.api.call('rounds.reveal', { roundId });
    const after = await bram.api.call('meeting.device', {});
    expect(after.revealed).toBe(true);
    const item = after.results.find((r) => r.recordingId === recordingId && r.scale === 'sensitivity')!;
    expect(item.scores.map((s) => [s.raterName, s.value])).toEqual([['Bram', 3], ['Cora', 8]]);
  });

  it('gives a device its card without the clip, lets it reopen its own sheet and lock itself; the workstation card has the clip', async () => {
    const { code, device } = await startMeeting();
    const phone = device();
    await joined(phone, code, raters[0]!);
    const sheet = await phone.api.call('scoring.sheet', { recordingId, roundId });
    // No video bytes on a device, and nothing that would lead to them.
    expect(sheet.player).toBeNull();
    for (const scale of ['sensitivity', 'cooperation'] as const) await phone.api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale, value: 4 });
    await phone.api.call('scoring.submit', { recordingId, roundId });
    const reopened = await phone.api.call('scoring.reopen', { recordingId, roundId, reason: 'verkeerde ouder aangeklikt' });
    expect(reopened.status).toBe('draft');
    await expect(phone.api.call('scoring.reopen', { recordingId: otherRecordingId, roundId: otherRoundId, reason: 'x' })).rejects.toMatchObject({ body: { code: 'forbidden' } });

    const locked = await phone.api.call('session.lock', {});
    expect(locked.meeting?.state).toBe('locked');
    expect((await t.api.call('meeting.setup', {})).live!.devices[0]!.state).toBe('locked');
    await expect(phone.api.call('scoring.sheet', { recordingId, roundId })).rejects.toMatchObject({ body: { code: 'locked' } });
    expect((await phone.api.call('meeting.unlock', { pin: TEST_PIN })).meeting?.state).toBe('admitted');

    const workstation = localClient(t.backend).api;
    await signInAs(workstation, raters[0]!.id);
    const here = await workstation.call('scoring.sheet', { recordingId, roundId });
    expect(here.player).toMatchObject({ recordingId, playable: true, durationMs: expect.any(Number) });
    expect(JSON.stringify(here.player)).not.toMatch(/OB-26-001|voormeting|2026-/);
  });

  it('ends every device’s session when the meeting stops, and refuses a refused device at once', async () => {
    const { code, device } = await startMeeting();
    const bram = device();
    const cora = device();
    await joined(bram, code, raters[0]!);
    await cora.api.call('meeting.join', { joinCode: code, raterId: raters[1]!.id, pin: TEST_PIN, deviceLabel: 'Telefoon Cora' });
    const waiting = (await t.api.call('meeting.setup', {})).live!.devices.find((d) => d.raterName === 'Cora')!;
    await t.api.call('meeting.refuse', { deviceKey: waiting.key });
    // A refused device's session is gone; it starts again as a guest.
    expect((await cora.api.call('session.get', {})).meeting).toMatchObject({ state: 'guest' });
    expect(accessRows('meeting.refuse')).toHaveLength(1);

    const sessionsBefore = t.backend.services.sessions.list((s) => s.scope.kind === 'meeting').length;
    expect(sessionsBefore).toBeGreaterThanOrEqual(2);
    await t.api.call('meeting.stop', {});
    expect(t.backend.services.sessions.list((s) => s.scope.kind === 'meeting')).toHaveLength(0);
    await expect(bram.raw('/api/call')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('limits failed codes and PINs per address, whatever profile is tried', async () => {
    const { code, device } = await startMeeting();
    const phone = device();
    for (let i = 0; i < 10; i++) await phone.call('meeting.joinInfo', { joinCode: 'ZZZ-ZZZ' });
    await expect(phone.api.call('meeting.joinInfo', { joinCode: code })).rejects.toMatchObject({ body: { message: expect.stringMatching(/Te veel mislukte pogingen vanaf dit apparaat/) } });
  });
});

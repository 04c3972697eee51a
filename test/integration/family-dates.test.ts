import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFamily, seedRecording } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// Baby born in 2026-01, aanmelding on 2026-02-01, first visit 2026-03-01 (seedFamily).
let t: TestBackend;
let familyId: number;

beforeEach(async () => {
  t = startTestBackend(undefined, { runJobs: false });
  await withCoordinator(t.api);
  familyId = (await seedFamily(t.api, 'OB-26-001')).id;
});
afterEach(() => t.close());

const counts = () => t.backend.db.prepare('SELECT (SELECT COUNT(*) FROM visits) AS visits, (SELECT COUNT(*) FROM recordings) AS recordings').get();

describe('dates in a family’s time line', () => {
  it('refuses a visit before the aanmelding or the birth month, and changes nothing', async () => {
    const before = counts();
    await expect(t.api.call('visits.add', { familyId, date: '2026-01-20', phase: 'introductie' })).rejects.toMatchObject({
      body: { code: 'invalid_input', message: 'Een huisbezoek op 2026-01-20 ligt vóór de aanmelding (2026-02-01). Controleer de datum; er is niets gewijzigd.', fields: { date: expect.any(String) } },
    });
    await expect(t.api.call('visits.add', { familyId, date: '2025-12-31', phase: 'introductie' })).rejects.toMatchObject({
      body: { message: expect.stringMatching(/^Een huisbezoek op 2025-12-31 ligt vóór de geboortemaand van de baby \(2026-01\)/) },
    });
    expect(counts()).toEqual(before);
    // On the day of the aanmelding is fine.
    await expect(t.api.call('visits.add', { familyId, date: '2026-02-01', phase: 'aanmelding' })).resolves.toMatchObject({ date: '2026-02-01' });
  });

  it('refuses moving a visit or a recording before the aanmelding', async () => {
    const family = await t.api.call('families.get', { id: familyId });
    const visit = family.visits[0]!;
    await expect(t.api.call('visits.update', { id: visit.id, date: '2026-01-31' })).rejects.toMatchObject({ body: { code: 'invalid_input' } });
    expect((await t.api.call('families.get', { id: familyId })).visits[0]!.date).toBe('2026-03-01');

    const recordingId = seedRecording(t.backend, { familyId, caregiverIds: [family.caregivers[0]!.id] });
    await expect(t.api.call('recordings.update', { id: recordingId, recordedOn: '2026-01-15' })).rejects.toMatchObject({
      body: { message: expect.stringMatching(/^Een opname op 2026-01-15 ligt vóór de aanmelding/), fields: { recordedOn: expect.any(String) } },
    });
    expect((await t.api.call('recordings.get', { id: recordingId })).recordedOn).toBe('2026-03-01');
  });

  it('refuses an aanmelding or birth month moved past the visits and recordings that exist', async () => {
    await expect(t.api.call('families.update', { id: familyId, referralDate: '2026-03-02' })).rejects.toMatchObject({
      body: { code: 'invalid_input', message: expect.stringMatching(/^Een huisbezoek op 2026-03-01 ligt vóór de aanmelding \(2026-03-02\)/), fields: { referralDate: expect.any(String) } },
    });
    await expect(t.api.call('families.update', { id: familyId, babyBirthMonth: '2026-04' })).rejects.toMatchObject({
      body: { fields: { babyBirthMonth: expect.any(String) } },
    });
    const family = await t.api.call('families.get', { id: familyId });
    expect([family.referralDate, family.babyBirthMonth]).toEqual(['2026-02-01', '2026-01']);
    await expect(t.api.call('families.update', { id: familyId, referralDate: '2026-03-01' })).resolves.toMatchObject({ referralDate: '2026-03-01' });
  });
});

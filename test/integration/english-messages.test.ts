import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api/envelope';
import { fragmentWorld, type FragmentWorld } from './support/fragment-world';
import { refusal } from './support/refusal';
import { startTestBackend, type TestBackend } from './support/temp-backend';

// Every refusal reaches the UI in Dutch (message, fields) and in English (messageEn, fieldsEn):
// the English UI shows the latter, logs and the Dutch UI the former.

let t: TestBackend;
let w: FragmentWorld;

beforeEach(async () => {
  t = startTestBackend(undefined, { runJobs: false });
  w = await fragmentWorld(t);
});
afterEach(() => t.close());

const bodyOf = async (call: Promise<unknown>): Promise<ApiErrorBody> => (await refusal(call)).body;

describe('refusals in English', () => {
  it('a score outside 1–9: the schema’s own message, in both languages and per field', async () => {
    await w.as(w.rater);
    for (const value of [0, 10, 4.5]) {
      const body = await bodyOf(t.api.call('scoring.saveScore', { recordingId: w.recordingId, roundId: null, caregiverId: w.moederId, scale: 'sensitivity', value }));
      expect(body).toEqual({
        code: 'invalid_input',
        message: 'Ongeldige invoer (value): Een score is een geheel getal van 1 tot en met 9.',
        messageEn: 'Invalid input (value): A score is a whole number from 1 to 9.',
        fields: { value: 'Een score is een geheel getal van 1 tot en met 9.' },
        fieldsEn: { value: 'A score is a whole number from 1 to 9.' },
      });
    }
  });

  it('a message zod makes itself (no message of the schema): its English locale', async () => {
    await w.as(w.rater);
    const body = await bodyOf(t.api.call('fragments.list', { recordingId: w.recordingId, filters: { forFeedback: 'ja' as never } }));
    expect(body.code).toBe('invalid_input');
    expect(body.message).toMatch(/^Ongeldige invoer/);
    expect(body.messageEn).toBe('Invalid input (filters.forFeedback): Invalid input: expected boolean, received string');
    expect(body.messageEn).not.toMatch(/\b(verwacht|ontving|Onbekende)\b/);
  });

  it('an unknown id and a handler’s own refusal with a field', async () => {
    expect(await bodyOf(t.api.call('families.get', { id: 9999 }))).toEqual({
      code: 'not_found',
      message: 'Dit gezin bestaat niet (meer).',
      messageEn: 'This family does not exist (any more).',
    });
    const taken = await bodyOf(t.api.call('families.create', { code: 'ob-26-001', babyBirthMonth: '2026-01', referralDate: '2026-02-01' }));
    expect(taken).toMatchObject({
      code: 'conflict',
      messageEn: 'Family code ob-26-001 already exists. Choose another code.',
      fields: { code: 'Deze code bestaat al.' },
      fieldsEn: { code: 'This code already exists.' },
    });
  });

  it('forbidden: a rater asks for what only a coordinator may do', async () => {
    await w.as(w.rater);
    expect(await bodyOf(t.api.call('accessLog.forFamily', { familyId: w.familyId }))).toEqual({
      code: 'forbidden',
      message: 'Alleen een coördinator mag dit doen.',
      messageEn: 'Only a coordinator may do this.',
    });
    // The refusal is logged in Dutch, the first language.
    const row = t.backend.db.prepare(`SELECT detail FROM access_log WHERE outcome = 'refused' ORDER BY id DESC LIMIT 1`).get() as { detail: string };
    expect(row.detail).toBe('Alleen een coördinator mag dit doen.');
  });

  it('a date typo in a form, and a date before the family existed', async () => {
    const typo = await bodyOf(t.api.call('visits.add', { familyId: w.familyId, date: '15-03-2026', phase: 'introductie' }));
    expect(typo).toMatchObject({ code: 'invalid_input', fieldsEn: { date: 'Enter a valid date (YYYY-MM-DD).' } });
    const early = await bodyOf(t.api.call('visits.add', { familyId: w.familyId, date: '2026-01-20', phase: 'introductie' }));
    expect(early.messageEn).toBe('A home visit on 2026-01-20 is before the referral (2026-02-01). Check the date; nothing has been changed.');
    expect(early.fieldsEn).toEqual({ date: 'Date before the referral or the birth.' });
  });
});

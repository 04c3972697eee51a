import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FAILED_ATTEMPTS } from '../../shared/domain/pin-rules';
import { createRater, signInAs, START_PIN, startTestBackend, tempDir, TEST_PIN, withCoordinator, type TestBackend } from './support/temp-backend';
import { refusal } from './support/refusal';

let now = Date.parse('2026-11-23T09:00:00Z');
const clock = () => now;
const minutes = (n: number) => (now += n * 60_000);
let dir: ReturnType<typeof tempDir>;
let t: TestBackend;

const open = () => startTestBackend(dir.path, { clock, lockAfterMinutes: 10 });

beforeEach(() => {
  dir = tempDir();
  t = open();
});
afterEach(() => t.close());

const familyInput = { code: 'OB-26-501', babyBirthMonth: '2026-03', referralDate: '2026-04-01' };
const secretRow = (raterId: number) =>
  t.backend.db.prepare('SELECT failed_attempts, locked_until, must_change FROM rater_secrets WHERE rater_id = ?').get(raterId) as {
    failed_attempts: number;
    locked_until: string | null;
    must_change: number;
  };

describe('who is who: PINs, lockout, inactivity', () => {
  it('asks the first coordinator for an own password of at least 8 characters', async () => {
    const short = await refusal(t.api.call('raters.create', { name: 'Anna', initials: 'AV', role: 'coordinator', pin: '2468' }));
    expect(short.code).toBe('invalid_input');
    expect(short.body.fields?.pin).toMatch(/coördinator.*minstens 8 tekens/);
    const trivial = await refusal(t.api.call('raters.create', { name: 'Anna', initials: 'AV', role: 'coordinator', pin: '12345678' }));
    expect(trivial.message).toMatch(/raden/);
    expect(t.backend.db.prepare('SELECT count(*) AS n FROM raters').get()).toEqual({ n: 0 });
  });

  it('keeps only a salted slow hash: the PIN is nowhere in the database files', async () => {
    await withCoordinator(t.api);
    const row = t.backend.db.prepare('SELECT secret_hash FROM rater_secrets').get() as { secret_hash: string };
    expect(row.secret_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    t.backend.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir.path, 'afstemming.sqlite')).includes(Buffer.from(TEST_PIN))).toBe(false);
  });

  it('signs in only with the right PIN; switching rater asks the other one', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    const bram = await createRater(t.api, { name: 'Bram', initials: 'BJ', role: 'rater' });
    await t.api.call('session.signOut', {});
    expect((await refusal(t.api.call('families.list', {}))).code).toBe('no_rater');
    // Knowing your own PIN does not open someone else's profile.
    const wrong = await refusal(t.api.call('session.selectRater', { raterId: anna.id, pin: '1357-9086' }));
    expect(wrong.code).toBe('forbidden');
    expect(wrong.message).toMatch(/Onjuiste pincode voor Anna\. Nog 4 pogingen/);
    expect((await refusal(t.api.call('session.selectRater', { raterId: bram.id } as never))).code).toBe('invalid_input');
    expect((await t.api.call('session.get', {})).rater).toBeNull();
    const info = await signInAs(t.api, bram.id);
    expect(info.rater?.name).toBe('Bram');
    // The failed attempt is in the access log, with the profile it was made on.
    const refusals = t.backend.db.prepare(`SELECT detail FROM access_log WHERE action = 'session.sign_in' AND outcome = 'refused'`).all();
    expect(refusals).toContainEqual({ detail: expect.stringMatching(/Onjuiste pincode voor Anna/) });
  });

  it('locks a profile after repeated wrong PINs, also across a restart, and opens again later', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    await t.api.call('session.signOut', {});
    for (let n = 1; n < MAX_FAILED_ATTEMPTS; n++) await refusal(t.api.call('session.selectRater', { raterId: anna.id, pin: `wrong-${n}` }));
    const last = await refusal(t.api.call('session.selectRater', { raterId: anna.id, pin: 'wrong-5' }));
    expect(last.message).toMatch(/Te veel onjuiste pogingen\. Probeer het over 5 minuten opnieuw/);
    // Even the right PIN is refused while locked, and a restart does not reset the count.
    t.backend.close();
    t = open();
    expect((await refusal(signInAs(t.api, anna.id))).message).toMatch(/Te veel onjuiste pogingen/);
    expect(secretRow(anna.id).failed_attempts).toBe(MAX_FAILED_ATTEMPTS);
    minutes(6);
    expect((await signInAs(t.api, anna.id)).rater?.id).toBe(anna.id);
    expect(secretRow(anna.id)).toMatchObject({ failed_attempts: 0, locked_until: null });
  });

  it('counts a burst of parallel guesses one by one, so the lockout cannot be raced', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    await t.api.call('session.signOut', {});
    const guesses = Array.from({ length: 40 }, (_, n) => t.api.call('session.selectRater', { raterId: anna.id, pin: `guess-${1000 + n}` }));
    const results = await Promise.allSettled(guesses);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(secretRow(anna.id).failed_attempts).toBe(MAX_FAILED_ATTEMPTS);
  });

  it('locks the workstation after inactivity; activity postpones it; a restart always locks', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    await t.api.call('families.create', familyInput);
    minutes(9);
    await t.api.call('session.touch', {});
    minutes(9);
    // Other calls (a screen refreshing itself) are not activity: only touch is.
    await t.api.call('families.list', {});
    minutes(2);
    const locked = await refusal(t.api.call('families.list', {}));
    expect(locked.code).toBe('locked');
    expect(locked.message).toMatch(/vergrendeld/);
    const media = await t.backend.media.serveMedia(new Request('http://x/media/1'), t.caller);
    expect(media.status).not.toBe(200);
    const info = await t.api.call('session.get', {});
    expect(info).toMatchObject({ rater: null, lockedProfile: { id: anna.id }, lockAfterMinutes: 10 });
    await signInAs(t.api, anna.id);
    expect(await t.api.call('families.list', {})).toHaveLength(1);
    // The unlocked state lives in memory only.
    t.backend.close();
    t = open();
    expect((await refusal(t.api.call('families.list', {}))).code).toBe('locked');
  });

  it('locks at once on request', async () => {
    await withCoordinator(t.api, 'Anna');
    await t.api.call('session.lock', {});
    expect((await refusal(t.api.call('families.list', {}))).code).toBe('locked');
  });

  it('makes a rater replace the start PIN before anything else; not with the same one', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    const bram = await t.api.call('raters.create', { name: 'Bram', initials: 'BJ', role: 'rater', pin: START_PIN });
    expect(secretRow(bram.id).must_change).toBe(1);
    const info = await t.api.call('session.selectRater', { raterId: bram.id, pin: START_PIN });
    expect(info.mustChangePin).toBe(true);
    expect((await refusal(t.api.call('families.list', {}))).message).toMatch(/Kies eerst een eigen pincode/);
    expect((await t.backend.media.serveMedia(new Request('http://x/media/1'), t.caller)).status).not.toBe(200);
    expect((await refusal(t.api.call('session.changePin', { currentPin: START_PIN, newPin: START_PIN }))).body.fields?.newPin).toMatch(/andere pincode/);
    expect((await refusal(t.api.call('session.changePin', { currentPin: 'niet-de-pin', newPin: '8080' }))).code).toBe('forbidden');
    const changed = await t.api.call('session.changePin', { currentPin: START_PIN, newPin: '8080' });
    expect(changed.mustChangePin).toBe(false);
    expect(await t.api.call('families.list', {})).toEqual([]);
    await signInAs(t.api, anna.id);
    expect((await refusal(t.api.call('session.selectRater', { raterId: bram.id, pin: START_PIN }))).code).toBe('forbidden');
  });

  it('signs the first coordinator in at once, in the window that chose the password only', async () => {
    const anna = await t.api.call('raters.create', { name: 'Anna', initials: 'AV', role: 'coordinator', pin: TEST_PIN });
    const info = await t.api.call('session.get', {});
    expect(info.rater?.id).toBe(anna.id);
    expect(info.mustChangePin).toBe(false);
    expect(t.backend.db.prepare("SELECT detail FROM access_log WHERE action = 'session.sign_in'").all()).toEqual([{ detail: 'aangemeld als eerste coördinator' }]);
    // A second coordinator made by Anna is not signed in anywhere.
    await t.api.call('raters.create', { name: 'Cor', initials: 'CO', role: 'coordinator', pin: START_PIN + 'xx' });
    expect((await t.api.call('session.get', {})).rater?.id).toBe(anna.id);
  });

  it('asks the start PIN once: right after signing in with it the new PIN needs no current one, nowhere else', async () => {
    await withCoordinator(t.api, 'Anna');
    const bram = await t.api.call('raters.create', { name: 'Bram', initials: 'BJ', role: 'rater', pin: START_PIN });
    await t.api.call('session.selectRater', { raterId: bram.id, pin: START_PIN });
    expect((await refusal(t.api.call('session.changePin', { newPin: START_PIN }))).body.fields?.newPin).toMatch(/startpincode/);
    const changed = await t.api.call('session.changePin', { newPin: '8080' });
    expect(changed.mustChangePin).toBe(false);
    // Now Bram has an own PIN: changing it again asks for it.
    expect((await refusal(t.api.call('session.changePin', { newPin: '9191' }))).body.fields?.currentPin).toMatch(/huidige pincode/);
    expect((await t.api.call('session.changePin', { currentPin: '8080', newPin: '9191' })).mustChangePin).toBe(false);
  });

  it('lets a coordinator reset a forgotten PIN, logged; only a coordinator, never their own', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    const bram = await createRater(t.api, { name: 'Bram', initials: 'BJ', role: 'rater' });
    expect((await refusal(t.api.call('raters.resetPin', { raterId: anna.id, newPin: '5150-2468' }))).code).toBe('conflict');
    await t.api.call('raters.resetPin', { raterId: bram.id, newPin: '5150' });
    const log = t.backend.db.prepare(`SELECT rater_name, detail FROM access_log WHERE action = 'rater.pin_reset' AND outcome = 'ok'`).all();
    expect(log).toEqual([{ rater_name: 'Anna', detail: 'pincode van Bram opnieuw ingesteld met een startpincode' }]);
    expect(secretRow(bram.id).must_change).toBe(1);
    // The forgotten PIN no longer works; the new start PIN must be replaced first.
    expect((await refusal(signInAs(t.api, bram.id))).code).toBe('forbidden');
    expect((await t.api.call('session.selectRater', { raterId: bram.id, pin: '5150' })).mustChangePin).toBe(true);
    await t.api.call('session.changePin', { currentPin: '5150', newPin: '7070-1' });
    expect((await refusal(t.api.call('raters.resetPin', { raterId: anna.id, newPin: '5150-2468' }))).code).toBe('forbidden');
  });

  it('gives the coordinator role its own secret: a promoted rater chooses a password first', async () => {
    await withCoordinator(t.api, 'Anna');
    const bram = await createRater(t.api, { name: 'Bram', initials: 'BJ', role: 'rater' });
    await t.api.call('raters.resetPin', { raterId: bram.id, newPin: '5150' });
    await t.api.call('session.selectRater', { raterId: bram.id, pin: '5150' });
    await t.api.call('session.changePin', { currentPin: '5150', newPin: '8080' });
    await signInAs(t.api, (await t.api.call('raters.list', {})).find((r) => r.name === 'Anna')!.id);
    await t.api.call('raters.update', { id: bram.id, role: 'coordinator' });
    const info = await t.api.call('session.selectRater', { raterId: bram.id, pin: '8080' });
    expect(info.mustChangePin).toBe(true);
    expect((await refusal(t.api.call('accessLog.verify', {}))).message).toMatch(/Kies eerst een eigen pincode/);
    expect((await refusal(t.api.call('session.changePin', { currentPin: '8080', newPin: '9090' }))).body.fields?.newPin).toMatch(/minstens 8/);
    expect((await t.api.call('session.changePin', { currentPin: '8080', newPin: 'bram-coord-26' })).mustChangePin).toBe(false);
  });

  it('lets a profile from before PINs existed choose its first PIN at the next sign-in', async () => {
    const anna = await withCoordinator(t.api, 'Anna');
    t.backend.db.prepare('DELETE FROM rater_secrets WHERE rater_id = ?').run(anna.id);
    await t.api.call('session.signOut', {});
    expect((await t.api.call('raters.list', {}))[0]).toMatchObject({ name: 'Anna', hasPin: false });
    expect((await refusal(t.api.call('session.selectRater', { raterId: anna.id, pin: '2468' }))).message).toMatch(/coördinator.*8/);
    await t.api.call('session.selectRater', { raterId: anna.id, pin: 'anna-eigen-1' });
    await t.api.call('session.signOut', {});
    expect((await refusal(t.api.call('session.selectRater', { raterId: anna.id, pin: 'iets-anders-1' }))).code).toBe('forbidden');
  });
});

import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { ERROR_CODES, type Envelope } from '../../shared/api/envelope';
import { createBackend, DATABASE_FILE } from '../../electron/backend/create-backend';
import { verifyChain } from '../../electron/backend/features/privacy/log-chain';
import { fragmentWorld, refused } from './support/fragment-world';
import {
  boundaryValues,
  describeInput,
  fuzzSeed,
  hostileValues,
  jsonSchemaOf,
  notDutch,
  randomString,
  randomValue,
  reproduce,
  Rng,
  subSeed,
  synthesize,
  type JsonSchema,
} from './support/fuzz';
import { seedFamily } from './support/seed';
import { localClient, MIGRATIONS_DIR, signInAs, startTestBackend, tempDir, TEST_SECRET_COST, type TestBackend } from './support/temp-backend';

/*
 * Hostile input through the one entry point: every method of the contract gets a seeded mix of
 * random values, values at and past its schema's limits and one-field mutations of a valid input.
 * Whatever comes in, dispatch must answer (never throw), never with 'internal' (an unexpected
 * crash), always with a clear Dutch message; the database must stay intact and the app must still
 * answer a normal call afterwards. Each method runs on its own copy of one seeded database.
 */

const FILE = 'test/integration/fuzz-api.test.ts';
const SEED = fuzzSeed();
/** Inputs per method; FUZZ_RUNS raises it for a longer local run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);

/**
 * Methods whose valid input names a folder on this machine: fuzzing them with arbitrary valid paths
 * would write backups into (or restore from) wherever the path points. Their validation is fuzzed
 * in full; valid input only ever names a fresh temporary folder.
 */
const PATH_METHODS = new Set<MethodName>(['backup.create', 'backup.verify', 'backup.restore']);

interface Ids {
  coordinatorId: number;
  raterId: number;
  familyId: number;
  otherFamilyId: number;
  visitId: number;
  caregiverId: number;
  recordingId: number;
  fragmentId: number;
  tagId: number;
  questionId: number;
  roundId: number | null;
}

function open(dataDir: string): TestBackend {
  const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', runJobs: false, secretCost: TEST_SECRET_COST, onInternalError: () => undefined });
  const client = localClient(backend);
  return {
    backend,
    api: client.api,
    get caller() {
      return client.caller;
    },
    dispatch: client.dispatch,
    dataDir,
    close: () => backend.close(),
  };
}

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));
let seedDir: string;
let ids: Ids;

/** One world, made through the ordinary helpers: a coordinator (active), a rater, families, a recording, a fragment, a round. */
beforeAll(async () => {
  const dir = tempDir('afstemming-fuzz-seed-');
  dirs.push(dir.remove);
  seedDir = dir.path;
  const t = open(seedDir);
  try {
    const w = await fragmentWorld(t);
    const other = await seedFamily(t.api, 'OB-26-002');
    const tagId = (await t.api.call('tags.list', {}))[0]!.id;
    const questionId = (await t.api.call('questions.list', {}))[0]!.id;
    const fragment = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, endMs: 2000, tagIds: [tagId], note: 'seed' });
    // A round, if today's contract still takes this shape; the fuzz does not depend on it.
    let roundId: number | null = null;
    try {
      const round = await t.api.call('rounds.create', {
        name: 'Intervisie',
        heldOn: '2026-11-12',
        revealRule: 'coordinator',
        recordingIds: [w.recordingId],
        raterIds: [w.coordinator.id, w.rater.id],
      } as never);
      roundId = round.id;
    } catch {
      roundId = null;
    }
    const visitId = (t.backend.db.prepare('SELECT id FROM visits WHERE family_id = ? ORDER BY id LIMIT 1').get(w.familyId) as { id: number }).id;
    ids = {
      coordinatorId: w.coordinator.id,
      raterId: w.rater.id,
      familyId: w.familyId,
      otherFamilyId: other.id,
      visitId,
      caregiverId: w.moederId,
      recordingId: w.recordingId,
      fragmentId: fragment.id,
      tagId,
      questionId,
      roundId,
    };
  } finally {
    t.close();
  }
});

/** The seeded database with the access log's key and anchor beside it (without them a keyed log opens read-only). */
function copyDataFolder(to: string) {
  for (const name of [DATABASE_FILE, 'access-log.key', 'access-log.anchor']) cpSync(join(seedDir, name), join(to, name));
}

/** Plausible values by field name, so mutations start from input that gets past validation. */
function known(method: MethodName): Record<string, unknown> {
  const area = method.split('.')[0];
  const idByArea: Record<string, number> = {
    families: ids.otherFamilyId,
    caregivers: ids.caregiverId,
    visits: ids.visitId,
    raters: ids.raterId,
    recordings: ids.recordingId,
    fragments: ids.fragmentId,
    tags: ids.tagId,
    jobs: 1,
  };
  return {
    id: idByArea[area ?? ''] ?? 1,
    ids: [ids.fragmentId],
    recordingId: ids.recordingId,
    roundId: ids.roundId ?? 1,
    familyId: ids.familyId,
    caregiverId: ids.caregiverId,
    visitId: ids.visitId,
    raterId: ids.raterId,
    questionId: ids.questionId,
    caregiverIds: [ids.caregiverId],
    recordingIds: [ids.recordingId],
    raterIds: [ids.coordinatorId, ids.raterId],
    tagIds: [ids.tagId],
    scale: 'sensitivity',
    value: 5,
    code: 'OB-99-001',
    confirmCode: 'OB-26-002',
    name: 'Nieuwe naam',
    initials: 'NN',
    label: 'ouder',
    babyBirthMonth: '2026-01',
    referralDate: '2026-02-01',
    date: '2026-03-02',
    recordedOn: '2026-03-02',
    heldOn: '2026-12-01',
    month: '2026-03',
    from: '2026-01',
    to: '2026-12',
    uploadId: '00000000-0000-4000-8000-000000000000',
    reason: 'controle',
    color: '#009e73',
    startMs: 1000,
    endMs: 2000,
    content: 'x',
    joinCode: 'K7P-4QX',
    deviceKey: 'apparaat-0001',
    deviceLabel: 'Telefoon',
    certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
  };
}

function validBase(method: MethodName, json: JsonSchema): Record<string, unknown> {
  const byName = known(method);
  const base: Record<string, unknown> = {};
  for (const key of json.required ?? []) {
    base[key] = key in byName ? byName[key] : synthesize(json.properties?.[key] ?? {});
  }
  const schema = contract[method].input as z.ZodType;
  if (schema.safeParse(base).success) return base;
  // A patch needs one field besides its id: try the optional fields one at a time.
  for (const [key, property] of Object.entries(json.properties ?? {})) {
    if (key in base) continue;
    const candidate = { ...base, [key]: key in byName ? byName[key] : synthesize(property) };
    if (schema.safeParse(candidate).success) return candidate;
  }
  // Fall back to the bare synthesis when a known value does not fit this method's field.
  const plain = synthesize(json) as Record<string, unknown>;
  return schema.safeParse(plain).success ? plain : base;
}

/** A copy of `value` that has its own `__proto__` key, as JSON.parse makes it. */
const withProtoKey = (value: object) => JSON.parse(JSON.stringify({ ...value }).replace(/^\{/, '{"__proto__":{"polluted":true,"id":1},').replace(',}', '}')) as unknown;

function inputsFor(method: MethodName, rng: Rng): unknown[] {
  const json = jsonSchemaOf(contract[method].input as z.ZodType);
  const base = validBase(method, json);
  const keys = Object.keys(json.properties ?? {});
  const hostile = hostileValues();
  const inputs: unknown[] = [base];
  const budget = Math.max(RUNS, 12);
  // Whole-input nonsense: about a sixth of the budget.
  for (let i = 0; i < Math.ceil(budget / 6); i++) inputs.push(rng.pick(hostile));
  // Structure: a required key missing, an unknown key, a __proto__ key, an array for the object.
  const required = json.required ?? [];
  if (required.length) {
    const drop = rng.pick(required);
    inputs.push(Object.fromEntries(Object.entries(base).filter(([key]) => key !== drop)));
  }
  inputs.push({ ...base, [randomString(rng, 10) || 'extra']: 1 }, withProtoKey(base), [base]);
  // Random values for the whole input or for all fields at once: about a sixth.
  for (let i = 0; i < Math.ceil(budget / 6); i++) {
    inputs.push(rng.chance(0.5) ? randomValue(rng) : Object.fromEntries(keys.map((key) => [key, randomValue(rng)])));
  }
  // The rest: one field of the valid input replaced by a boundary or hostile value.
  while (inputs.length < budget) {
    if (!keys.length) {
      inputs.push({ [rng.pick(['id', '__proto__', 'constructor', randomString(rng, 6)])]: rng.pick(hostile) });
      continue;
    }
    const key = rng.pick(keys);
    const value = rng.chance(0.75) ? rng.pick(boundaryValues(json.properties![key]!, rng)) : rng.pick(hostile);
    const input = { ...base };
    if (value === undefined) delete input[key];
    else input[key] = value;
    inputs.push(input);
  }
  return inputs;
}

/** Replaces any folder in a valid input by a fresh temporary folder (see PATH_METHODS). */
function confinePaths(input: Record<string, unknown>, root: string, index: number): Record<string, unknown> {
  const out = { ...input };
  for (const key of ['dir', 'targetDir']) {
    if (typeof out[key] === 'string') {
      const folder = join(root, `fuzz-${index}`);
      mkdirSync(folder, { recursive: true });
      out[key] = folder;
    }
  }
  return out;
}

function problemsWith(envelope: unknown): string[] {
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) return [`not an envelope: ${describeInput(envelope)}`];
  const answer = envelope as Envelope<unknown>;
  if (answer.ok) return [];
  const problems: string[] = [];
  const { code, message, messageEn, fields, fieldsEn } = answer.error;
  if (code === 'internal') problems.push(`answered 'internal' (an unexpected crash): ${message}`);
  if (!(ERROR_CODES as readonly string[]).includes(code)) problems.push(`unknown error code ${String(code)}`);
  const wrong = notDutch(message);
  if (wrong) problems.push(`message is not clear Dutch (${wrong})`);
  for (const [field, text] of Object.entries(fields ?? {})) {
    const wrongField = notDutch(text);
    if (wrongField) problems.push(`field ${field}: ${wrongField}`);
  }
  // The English UI reads messageEn and fieldsEn: always there, never the Dutch text again.
  if (typeof messageEn !== 'string' || messageEn.trim() === '' || messageEn === message) problems.push(`no English message: ${String(messageEn).slice(0, 200)}`);
  if (JSON.stringify(Object.keys(fields ?? {})) !== JSON.stringify(Object.keys(fieldsEn ?? {}))) problems.push('fieldsEn has other keys than fields');
  return problems;
}

describe(`fuzz: every API method survives hostile input (seed ${SEED}, ${RUNS} inputs per method)`, () => {
  it('covers the whole contract', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(50);
  });

  for (const method of METHOD_NAMES) {
    it(`${method}`, async () => {
      const seed = subSeed(SEED, method);
      const rng = new Rng(seed);
      const copy = tempDir('afstemming-fuzz-');
      dirs.push(copy.remove);
      copyDataFolder(copy.path);
      const t = open(copy.path);
      // A start always locks: sign in, so hostile input reaches the handlers and not only the lock.
      await signInAs(t.api, ids.coordinatorId);
      const failures: string[] = [];
      const schema = contract[method].input as z.ZodType;
      let validCalls = 0;
      try {
        for (const [index, raw] of inputsFor(method, rng).entries()) {
          const passes = schema.safeParse(raw ?? {}).success;
          let input = raw;
          if (PATH_METHODS.has(method) && passes) input = confinePaths(raw as Record<string, unknown>, tempDir('afstemming-fuzz-dir-').path, index);
          if (passes) validCalls += 1;
          let envelope: unknown;
          try {
            envelope = await t.dispatch(method, input);
          } catch (error) {
            failures.push(`#${index} ${describeInput(input)}: dispatch threw ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          for (const problem of problemsWith(envelope)) failures.push(`#${index} ${describeInput(input)}: ${problem}`);
          // Input the schema refuses must be refused as invalid input, before any handler runs.
          const answer = envelope as Envelope<unknown>;
          if (!passes && (answer.ok || answer.error.code !== 'invalid_input')) {
            failures.push(`#${index} ${describeInput(input)}: input the schema refuses was answered ${answer.ok ? 'ok' : answer.error.code}`);
          }
        }
        const integrity = t.backend.db.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') failures.push(`PRAGMA integrity_check: ${String(integrity)}`);
        const foreignKeys = t.backend.db.pragma('foreign_key_check') as unknown[];
        if (foreignKeys.length) failures.push(`PRAGMA foreign_key_check: ${describeInput(foreignKeys)}`);
        // Every refusal was logged without breaking the access log's hash chain.
        const chain = verifyChain(t.backend.db);
        if (!chain.ok) failures.push(`access-log hash chain broken: ${describeInput(chain)}`);
        // The app still answers an ordinary call.
        const after = await t.dispatch('session.get', {});
        if (!after.ok) failures.push(`session.get afterwards: ${after.error.code} ${after.error.message}`);
        const raters = await t.dispatch('raters.list', {});
        if (!raters.ok) failures.push(`raters.list afterwards: ${raters.error.code} ${raters.error.message}`);
      } finally {
        t.close();
      }
      expect(failures, `${method}, seed ${seed} ${reproduce(SEED, FILE)}`).toEqual([]);
      // The valid starting point really got past validation, so the mutations are one step from valid input.
      expect(validCalls, `${method}: no generated input passed validation; add its fields to known()`).toBeGreaterThan(0);
    });
  }

  it('refuses unknown and hostile method names in Dutch', async () => {
    const copy = tempDir('afstemming-fuzz-');
    dirs.push(copy.remove);
    copyDataFolder(copy.path);
    const t = open(copy.path);
    await signInAs(t.api, ids.coordinatorId);
    const rng = new Rng(subSeed(SEED, 'method-names'));
    const failures: string[] = [];
    try {
      const names: unknown[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'session', 'session.', '.get', 'SESSION.GET', 'x'.repeat(1_000_000), '', null, 1, {}, []];
      for (let i = 0; i < 10; i++) names.push(randomValue(rng));
      for (const name of names) {
        let envelope: unknown;
        try {
          envelope = await t.dispatch(name, {});
        } catch (error) {
          failures.push(`${describeInput(name)}: dispatch threw ${String(error)}`);
          continue;
        }
        const answer = envelope as Envelope<unknown>;
        if (answer.ok || answer.error.code !== 'unknown_method') failures.push(`${describeInput(name)}: answered ${answer.ok ? 'ok' : answer.error.code}`);
        failures.push(...problemsWith(envelope).map((p) => `${describeInput(name)}: ${p}`));
      }
      expect(t.backend.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      t.close();
    }
    expect(failures, reproduce(SEED, FILE)).toEqual([]);
  });
});

/** What the fuzz found, pinned down: each of these answered 'internal' before its fix. */
describe('regressions found by the API fuzz', () => {
  it('refuses a NUL character in names and initials in Dutch (SQLite length() stops at NUL, which broke the table checks)', async () => {
    const t = startTestBackend();
    try {
      const w = await fragmentWorld(t);
      const cases: [MethodName, Record<string, unknown>][] = [
        ['raters.update', { id: w.rater.id, name: '\u0000Chris' }],
        ['raters.update', { id: w.rater.id, initials: '\u0000' }],
        ['caregivers.update', { id: w.moederId, label: '\u0000' }],
        ['tags.create', { name: '\u0000label', color: '#123456' }],
        ['questions.update', { questions: [{ text: '\u0000' }] }],
      ];
      for (const [method, input] of cases) {
        const answer = await t.dispatch(method, input);
        expect(answer, `${method} ${describeInput(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        if (!answer.ok) expect(answer.error.message).toMatch(/bevat(ten)? een ongeldig teken \(een stuurteken zoals NUL\)/);
      }
      expect((await t.api.call('raters.list', {})).find((r) => r.id === w.rater.id)).toMatchObject({ name: 'Chris de Vries', initials: 'CV' });
    } finally {
      t.close();
    }
  });

  it('refuses to remove a caregiver or a visit that a recording still uses, in Dutch, and still removes unused ones', async () => {
    const t = startTestBackend();
    try {
      const w = await fragmentWorld(t);
      const family = await t.api.call('families.get', { id: w.familyId });
      const visitId = (t.backend.db.prepare('SELECT visit_id AS id FROM recordings WHERE id = ?').get(w.recordingId) as { id: number }).id;
      const caregiverError = await refused(t.api.call('caregivers.remove', { id: w.moederId }));
      expect(caregiverError).toEqual({ code: 'conflict', message: expect.stringContaining('kan niet worden verwijderd'), messageEn: expect.stringContaining('cannot be removed') });
      const visitError = await refused(t.api.call('visits.remove', { id: visitId }));
      expect(visitError).toEqual({ code: 'conflict', message: expect.stringContaining('kan niet worden verwijderd'), messageEn: expect.stringContaining('cannot be removed') });
      expect(await t.api.call('families.get', { id: w.familyId })).toEqual(family);

      const extra = await t.api.call('caregivers.add', { familyId: w.familyId, role: 'anders', label: 'oma' });
      expect(await t.api.call('caregivers.remove', { id: extra.id })).toEqual({ removed: true });
      const visit = await t.api.call('visits.add', { familyId: w.familyId, date: '2026-04-01', phase: 'introductie' });
      expect(await t.api.call('visits.remove', { id: visit.id })).toEqual({ removed: true });
    } finally {
      t.close();
    }
  });
});

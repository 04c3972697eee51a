import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Api } from '../../shared/api/client';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { DEFAULT_ANCHORS } from '../../shared/domain/scales';
import type { Meeting } from '../../shared/domain/scoring';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { rememberedRater } from '../../electron/backend/features/session/session-handlers';
import { seedFamily, seedRecording } from './support/seed';
import { createRater, localClient, MIGRATIONS_DIR, signInAs, tempDir, TEST_SECRET_COST, type LocalClient } from './support/temp-backend';

/*
 * The independence rule, tested as non-interference: two worlds are seeded identically except for
 * the values and rationales of everyone but the viewer. Every method of the whole contract (reads
 * and writes, each on a fresh copy of the database) is called as the viewer in both worlds; while
 * the round is blind the answers must be identical, and no other rater's rationale may appear.
 * After the reveal the same comparison must find a difference, which shows the test can see one.
 */

type WorldName = 'x' | 'y';
type ViewerName = 'Bram' | 'Anna' | 'Femke';
const RATERS = ['Anna', 'Bram', 'Cora', 'Daan', 'Eva', 'Femke'] as const;
type RaterName = (typeof RATERS)[number];

interface Ids {
  raters: Record<RaterName, number>;
  familyId: number;
  otherFamilyId: number;
  visitId: number;
  mother: number;
  father: number;
  recordingA: number;
  recordingB: number;
  practice: number;
  practiceCaregiver: number;
  roundId: number;
}

/** A marker of fixed length per rater and world, so even the length of a rationale cannot differ. */
const marker = (rater: RaterName, world: WorldName) => `GEHEIM-${rater.toUpperCase().padEnd(5, '_')}-${world}`;
/** Scores that differ between the two worlds at every position. */
const valuesFor = (world: WorldName, seed: number) => (world === 'x' ? [2, 8, 3, 7][seed % 4]! : [8, 2, 7, 3][seed % 4]!);

function open(dataDir: string): { backend: Backend; api: Api; dispatch: LocalClient['dispatch'] } {
  const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', runJobs: false, secretCost: TEST_SECRET_COST, onInternalError: () => undefined });
  const client = localClient(backend);
  return { backend, api: client.api, dispatch: client.dispatch };
}

/**
 * Anna (coordinator) and Bram, Cora, Daan (raters) are in one blind round with recordings A and B;
 * Eva (rater, not in the round) practises on A; Femke is a coordinator outside the round. The
 * viewer's own data is the same in both worlds; everyone else's differs.
 */
interface SeedOptions {
  reveal: boolean;
  /** Also let the others' fragment times differ per world (see the known issue at the end). */
  fragmentTimesDiffer?: boolean;
}

async function seedWorld(dataDir: string, world: WorldName, viewer: ViewerName, { reveal, fragmentTimesDiffer = false }: SeedOptions): Promise<Ids> {
  const { backend, api } = open(dataDir);
  const raters = {} as Record<RaterName, number>;
  for (const name of RATERS) {
    const role = name === 'Anna' || name === 'Femke' ? 'coordinator' : 'rater';
    raters[name] = (await createRater(api, { name, initials: name.slice(0, 2).toUpperCase(), role })).id;
    if (name === 'Anna') await signInAs(api, raters.Anna);
  }
  const family = await seedFamily(api, 'OB-26-001', [
    { role: 'moeder', label: 'moeder' },
    { role: 'vader', label: 'vader' },
  ]);
  const [mother, father] = family.caregivers.map((c) => c.id) as [number, number];
  const recordingA = seedRecording(backend, { familyId: family.id, caregiverIds: [mother, father] });
  const recordingB = seedRecording(backend, { familyId: family.id, caregiverIds: [mother] });
  const otherFamily = await seedFamily(api, 'OB-26-002');
  const practiceCaregiver = otherFamily.caregivers[0]!.id;
  const practice = seedRecording(backend, { familyId: otherFamily.id, caregiverIds: [practiceCaregiver] });
  const round = await api.call('rounds.create', {
    name: 'Intervisie',
    heldOn: '2026-11-12',
    revealRule: 'coordinator',
    recordingIds: [recordingA, recordingB],
    raterIds: [raters.Anna, raters.Bram, raters.Cora, raters.Daan],
  });

  let seed = 0;
  const score = async (name: RaterName, recordingId: number, roundId: number | null, caregivers: number[], submit: boolean, open = false) => {
    await signInAs(api, raters[name]);
    // The viewer's own work is the same in both worlds; only the others' differs. Practice on a
    // recording in no round is open by design ("niet blind"), so it is the same in both worlds too.
    const w: WorldName = name === viewer || open ? 'x' : world;
    for (const caregiverId of caregivers) {
      for (const scale of ['sensitivity', 'cooperation'] as const) {
        const rationale = open ? `OPEN-${name} ${scale}` : `${marker(name, w)} ${scale}`;
        await api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale, value: valuesFor(w, seed++), rationale });
      }
    }
    if (submit) await api.call('scoring.submit', { recordingId, roundId });
  };
  // Eva is not in the round, so she may practise on A even while it is blind; that stays hidden too.
  await score('Eva', recordingA, null, [mother, father], true);
  await score('Cora', recordingA, round.id, [mother, father], true);
  await score('Cora', recordingB, round.id, [mother], true);
  await score('Daan', recordingA, round.id, [mother, father], true);
  await score('Daan', recordingB, round.id, [mother], false);
  await score('Anna', recordingA, round.id, [mother, father], true);
  await score('Bram', recordingA, round.id, [mother, father], false);
  await score('Femke', practice, null, [practiceCaregiver], true, true);
  await score('Cora', practice, null, [practiceCaregiver], true, true);

  // Fragments are covered by the same rule: everyone marks a moment on A, the others' notes differ per world.
  const tagId = (await api.call('tags.list', {}))[0]!.id;
  for (const [index, name] of (['Anna', 'Bram', 'Cora', 'Daan', 'Eva'] as const).entries()) {
    await signInAs(api, raters[name]);
    const w: WorldName = name === viewer ? 'x' : world;
    const startMs = (fragmentTimesDiffer && w === 'y' ? 20_000 : 10_000) + index * 1000;
    await api.call('fragments.create', { recordingId: recordingA, startMs, endMs: startMs + 500, tagIds: [tagId], note: `${marker(name, w)} fragment` });
  }

  if (reveal) {
    await signInAs(api, raters.Anna);
    await api.call('rounds.reveal', { roundId: round.id });
  }
  await signInAs(api, raters[viewer]);
  const visitId = (backend.db.prepare('SELECT id FROM visits WHERE family_id = ? ORDER BY id LIMIT 1').get(family.id) as { id: number }).id;
  backend.close();
  return { raters, familyId: family.id, otherFamilyId: otherFamily.id, visitId, mother, father, recordingA, recordingB, practice, practiceCaregiver, roundId: round.id };
}

/** Plausible values by field name; anything else is synthesised from the method's input schema. */
function byKey(ids: Ids, viewer: ViewerName): Record<string, unknown[]> {
  return {
    recordingId: [ids.recordingA, ids.recordingB, ids.practice],
    roundId: [ids.roundId],
    familyId: [ids.familyId],
    caregiverId: [ids.mother],
    visitId: [ids.visitId],
    raterId: [ids.raters[viewer]],
    caregiverIds: [[ids.mother]],
    recordingIds: [[ids.recordingA, ids.recordingB]],
    raterIds: [[ids.raters.Anna, ids.raters.Bram]],
    agreedBy: [[]],
    scale: ['sensitivity'],
    value: [5],
    texts: [DEFAULT_ANCHORS.sensitivity],
    code: ['OB-99-001'],
    name: ['Nieuwe naam'],
    initials: ['NN'],
    label: ['ouder'],
    babyBirthMonth: ['2026-01'],
    referralDate: ['2026-02-01'],
    date: ['2026-03-02'],
    recordedOn: ['2026-03-02'],
    heldOn: ['2026-12-01'],
    uploadId: ['00000000-0000-4000-8000-000000000000'],
    reason: ['controle'],
    referrer: ['Huisarts'],
    color: ['#009e73'],
    startMs: [1000],
    endMs: [2000],
    joinCode: ['K7P-4QX'],
    deviceKey: ['apparaat-0001'],
    deviceLabel: ['Telefoon'],
    pin: ['2468-1357'],
    certificatePem: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'],
    privateKeyPem: ['-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n'],
    text: ['Nieuwe tekst'],
    // A goal linked to the round's consensus (refused while blind, whatever was scored) or a fragment.
    target: [
      { kind: 'consensus', roundId: ids.roundId, recordingId: ids.recordingA, caregiverId: ids.mother, scale: 'sensitivity' },
      { kind: 'fragment', fragmentId: 1 },
    ],
  };
}

/** `id` means a different thing per area. */
function idsForArea(method: MethodName, ids: Ids): unknown[] {
  const area = method.split('.')[0];
  switch (area) {
    case 'families':
      return [ids.familyId];
    case 'caregivers':
      return [ids.mother];
    case 'visits':
      return [ids.visitId];
    case 'raters':
      return [ids.raters.Cora];
    case 'recordings':
      return [ids.recordingA, ids.recordingB];
    default:
      return [ids.recordingA, 1];
  }
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; anyOf?: JsonSchema[]; minimum?: number; items?: JsonSchema; minItems?: number; minLength?: number; format?: string; default?: unknown };

function synthesize(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return synthesize(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => synthesize(schema.items ?? {}));
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, synthesize(schema.properties?.[key] ?? {})]));
    default:
      return null;
  }
}

/** Several plausible inputs per method: every required field filled, optional ones both left out and given. */
function inputsFor(method: MethodName, ids: Ids, viewer: ViewerName): unknown[] {
  const schema = contract[method].input as z.ZodType;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const known = byKey(ids, viewer);
  const base: Record<string, unknown> = {};
  const variants: Record<string, unknown>[] = [];
  for (const [key, property] of Object.entries(json.properties ?? {})) {
    const required = json.required?.includes(key) ?? false;
    const options = key === 'id' ? idsForArea(method, ids) : (known[key] ?? [synthesize(property)]);
    if (required) {
      base[key] = options[0];
      for (const option of options.slice(1)) variants.push({ [key]: option });
    } else if (key in known || key === 'id') {
      for (const option of options) variants.push({ [key]: option });
    }
  }
  // Rounds: also ask for practice (null) and the automatic choice (left out) where the schema allows it.
  if (json.properties?.roundId && json.properties.recordingId) variants.push({ roundId: null }, { roundId: undefined });
  const inputs = [base, ...variants.map((variant) => ({ ...base, ...variant }))].map((input) =>
    Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  );
  const valid = inputs.filter((input) => schema.safeParse(input).success);
  if (valid.length === 0) throw new Error(`No plausible input for ${method}: add its fields to byKey() in scoring-blindness.test.ts`);
  return valid;
}

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;
// The access log's CSV shows its times as Dutch Excel reads them (local, 03-12-2026 14:05:09).
const LOCAL_TIME = /\d\d-\d\d-\d{4} \d\d:\d\d:\d\d/g;
const normalize = (envelope: Envelope<unknown>) => JSON.stringify(envelope).replace(ISO_TIME, '<tijd>').replace(LOCAL_TIME, '<tijd>');

interface Seeded {
  dirs: Record<WorldName, string>;
  ids: Ids;
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

async function seedBoth(viewer: ViewerName, options: SeedOptions): Promise<Seeded> {
  const dirs = {} as Record<WorldName, string>;
  let ids: Ids | undefined;
  for (const world of ['x', 'y'] as const) {
    const dir = tempDir('afstemming-blind-');
    cleanups.push(dir.remove);
    dirs[world] = dir.path;
    ids = await seedWorld(dir.path, world, viewer, options);
  }
  return { dirs, ids: ids! };
}

/** Calls one method on a fresh copy of a world's database, so writes cannot affect the next call. */
async function callOnCopy(seedDir: string, method: MethodName, input: unknown): Promise<string> {
  const copy = tempDir('afstemming-blind-call-');
  try {
    // With the access log's key and anchor: a keyed log without its key opens read-only.
    for (const name of ['afstemming.sqlite', 'access-log.key', 'access-log.anchor']) cpSync(join(seedDir, name), join(copy.path, name));
    const { backend, api, dispatch } = open(copy.path);
    try {
      // A restart locks the workstation; the viewer signs in again as they would after one.
      const viewer = rememberedRater(backend.db);
      if (viewer) await signInAs(api, viewer.id);
      return normalize(await dispatch(method, input));
    } finally {
      backend.close();
    }
  } finally {
    copy.remove();
  }
}

const OTHERS_MARKERS = (viewer: ViewerName) =>
  RATERS.filter((name) => name !== viewer).flatMap((name) => [marker(name, 'x'), marker(name, 'y')]);

describe('blindness: nothing of another rater reaches a viewer before the reveal, through any method', () => {
  const viewers: ViewerName[] = ['Bram', 'Anna', 'Femke'];
  for (const viewer of viewers) {
    it(`as ${viewer}: every method answers the same whatever the others scored, and shows no other rationale`, async () => {
      const { dirs, ids } = await seedBoth(viewer, { reveal: false });
      const forbidden = OTHERS_MARKERS(viewer);
      const called: string[] = [];
      for (const method of METHOD_NAMES) {
        for (const input of inputsFor(method, ids, viewer)) {
          const x = await callOnCopy(dirs.x, method, input);
          const y = await callOnCopy(dirs.y, method, input);
          for (const text of forbidden) expect(x, `${method} ${JSON.stringify(input)} shows ${text}`).not.toContain(text);
          expect(x, `${method} ${JSON.stringify(input)} depends on other raters' scores`).toBe(y);
          called.push(method);
        }
      }
      // Every method of the contract was called at least once with input that passed validation.
      expect(new Set(called)).toEqual(new Set(METHOD_NAMES));
      // And the viewer does get their own work back (the test is not passing because everything failed).
      if (viewer !== 'Femke') {
        const own = await callOnCopy(dirs.x, 'scoring.sheet', { recordingId: ids.recordingA, roundId: ids.roundId });
        expect(own).toContain(marker(viewer, 'x'));
      }
    });
  }

  it('after the reveal the meeting and the recording view do show the others (the comparison can see a leak)', async () => {
    const { dirs, ids } = await seedBoth('Bram', { reveal: true });
    const meetingX = await callOnCopy(dirs.x, 'rounds.meeting', { roundId: ids.roundId });
    const meetingY = await callOnCopy(dirs.y, 'rounds.meeting', { roundId: ids.roundId });
    expect(meetingX).not.toBe(meetingY);
    expect(meetingX).toContain(marker('Cora', 'x'));
    expect(meetingY).toContain(marker('Daan', 'y'));
    // Daan never submitted B: a draft stays his, even after the reveal.
    const meeting = (JSON.parse(meetingY) as Envelope<Meeting>);
    if (!meeting.ok) throw new Error(meeting.error.message);
    const onB = meeting.value.items.filter((item) => item.recordingId === ids.recordingB).flatMap((item) => item.scores.map((s) => s.raterName));
    expect(onB.sort()).toEqual(['Cora', 'Cora']);
    const others = await callOnCopy(dirs.x, 'scoring.forRecording', { recordingId: ids.recordingA });
    expect(others).toContain(marker('Cora', 'x'));
    expect(others).toContain(marker('Eva', 'x'));
    // Practice outside any round was never blind: others see it, marked as such.
    const open = await callOnCopy(dirs.x, 'scoring.forRecording', { recordingId: ids.practice });
    expect(open).toContain('OPEN-Cora');
    expect(open).toContain('"blind":false');
  });

  // The access log is readable by coordinators, who may be raters in the same blind round: it must
  // not carry where others marked fragments (it once logged each fragment's time span).
  it('as Anna: the access log does not reveal where others marked fragments during a blind round', async () => {
    const { dirs, ids } = await seedBoth('Anna', { reveal: false, fragmentTimesDiffer: true });
    const x = await callOnCopy(dirs.x, 'accessLog.forFamily', { familyId: ids.familyId });
    const y = await callOnCopy(dirs.y, 'accessLog.forFamily', { familyId: ids.familyId });
    expect(x).toBe(y);
  });
});

import { z } from 'zod';

/*
 * Seeded fuzzing helpers: a tiny PRNG, hostile values, inputs synthesised from a zod schema, and a
 * check that an error message is Dutch. Every run is reproducible: the seed is printed in each
 * failure message and can be set with FUZZ_SEED (e.g. `FUZZ_SEED=42 npx vitest run test/integration/fuzz-api.test.ts`).
 */

export const DEFAULT_FUZZ_SEED = 20261123;

/** The run's seed: FUZZ_SEED from the environment (any integer), else a fixed default so CI is deterministic. */
export function fuzzSeed(): number {
  const raw = process.env['FUZZ_SEED'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_FUZZ_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not "${raw}"`);
  return seed >>> 0;
}

/** How to repeat a failing run, for assertion messages. */
export const reproduce = (seed: number, file: string) => `(reproduce: FUZZ_SEED=${seed} npx vitest run ${file})`;

/** mulberry32: a 32-bit seeded PRNG, plenty for test-case generation. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable per-name sub-seed, so adding a method or a case does not change the others' inputs. */
export function subSeed(seed: number, name: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class Rng {
  readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const MEGABYTE = 1024 * 1024;

/** Strings that have broken parsers, databases, logs and spreadsheets elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '1e309',
  '0x1F',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eexe.gpj',
  'مرحبا بالعالم',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'Z̴̡̪͎͗a̷̛̱l̸̢͌g̵͉̀o̶͚̍',
  '\uFEFF',
  "'; DROP TABLE families; --",
  '" OR 1=1 --',
  '%s%s%s%n',
  '${process.exit()}',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '=cmd|\' /C calc\'!A0',
  '+SUM(1,1)',
  '-2+3',
  '@SUM(A1)',
  '../../../../etc/passwd',
  'C:\\Windows\\System32',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  '2026-02-30',
  '2026-13',
  '0000-00-00',
  '#zzzzzz',
  'x'.repeat(201),
  'x'.repeat(20_001),
  'é'.repeat(70_000),
  'a'.repeat(MEGABYTE),
];

/** Numbers at and past every boundary a schema may have (NaN and ±Infinity arrive over IPC, not JSON). */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1,
  1.5,
  0.1,
  2,
  9,
  10,
  999_999,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  NaN,
  Infinity,
  -Infinity,
  86_400_000,
  86_400_001,
];

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function deepObject(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Whole values that are not what any method expects. */
export function hostileValues(): unknown[] {
  const nullProto = Object.create(null) as Record<string, unknown>;
  nullProto['id'] = 1;
  return [
    undefined,
    null,
    true,
    false,
    ...HOSTILE_NUMBERS,
    ...HOSTILE_STRINGS,
    [],
    [null],
    [1, 2, 3],
    Array.from({ length: 100_000 }, (_, i) => i + 1),
    {},
    { '': '' },
    JSON.parse('{"__proto__": {"polluted": true, "id": 1}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    { toString: 'x', valueOf: 1, hasOwnProperty: 'boom' },
    nullProto,
    deepArray(5000),
    deepObject(5000),
    Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
    // Not JSON, but possible over Electron's structured-clone IPC.
    10n,
    new Date(0),
    new Map([['id', 1]]),
    new Set([1]),
    new Uint8Array([1, 2, 3]),
  ];
}

/** A random JSON-ish value of bounded size. */
export function randomValue(rng: Rng, depth = 0): unknown {
  const kind = rng.int(0, depth > 3 ? 4 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.chance(0.5) ? rng.pick(HOSTILE_NUMBERS) : Math.floor((rng.next() - 0.5) * 2 ** rng.int(1, 60));
    case 3:
      return rng.chance(0.5) ? rng.pick(HOSTILE_STRINGS) : randomString(rng);
    case 4:
      return rng.int(1, 1_000_000);
    case 5:
      return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth + 1));
    default: {
      const keys = ['id', 'recordingId', 'familyId', 'name', '__proto__', 'constructor', randomString(rng, 8)];
      const out: Record<string, unknown> = {};
      for (let i = rng.int(0, 4); i > 0; i--) Object.defineProperty(out, rng.pick(keys), { value: randomValue(rng, depth + 1), enumerable: true, configurable: true, writable: true });
      return out;
    }
  }
}

export function randomString(rng: Rng, maxLength = 40): string {
  const alphabet = ['a', 'Z', '0', ' ', '-', '|', ';', ',', '"', "'", '\n', '\u0000', 'é', 'ß', '😀', '\u202E', '<', '&', '='];
  return Array.from({ length: rng.int(0, maxLength) }, () => rng.pick(alphabet)).join('');
}

/** The subset of JSON Schema that z.toJSONSchema produces for the contract. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

/** A plausible value for a schema node (minimal, often valid; refinements are not known here). */
export function synthesize(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return synthesize(union.find((s) => s.type !== 'null') ?? union[0]!);
  switch (typeOf(schema)) {
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1, schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 0) }, () => synthesize(schema.items ?? {}));
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, synthesize(schema.properties?.[key] ?? {})]));
    default:
      return null;
  }
}

/** Values at and just past this node's own limits, plus a few of the wrong type. */
export function boundaryValues(schema: JsonSchema, rng: Rng): unknown[] {
  const type = typeOf(schema);
  const values: unknown[] = [null, undefined, rng.pick(HOSTILE_STRINGS), rng.pick(HOSTILE_NUMBERS), {}, [], true];
  if (type === 'integer' || type === 'number') {
    const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : undefined);
    if (low !== undefined) values.push(low, low - 1, low - 0.5);
    if (schema.maximum !== undefined) values.push(schema.maximum, schema.maximum + 1, schema.maximum + 0.5);
    values.push(0, -1, 999_999, 2 ** 53, NaN, Infinity, '1', 1.5);
  } else if (type === 'string') {
    if (schema.minLength !== undefined) values.push('x'.repeat(Math.max(0, schema.minLength - 1)));
    if (schema.maxLength !== undefined && schema.maxLength <= 1_000_000) values.push('x'.repeat(schema.maxLength), 'é'.repeat(schema.maxLength + 1));
    values.push('', '   ', '\u0000', '\uD800', '\u202E', 'a'.repeat(MEGABYTE), 1, ['x']);
  } else if (type === 'array') {
    const item = synthesize(schema.items ?? {});
    if (schema.minItems !== undefined) values.push(Array.from({ length: Math.max(0, schema.minItems - 1) }, () => item));
    if (schema.maxItems !== undefined && schema.maxItems <= 100_000) values.push(Array.from({ length: schema.maxItems + 1 }, () => item));
    values.push([item, item], [null], [999_999], [[item]], 'x', Array.from({ length: 100_000 }, (_, i) => i + 1));
  } else if (type === 'boolean') {
    values.push('true', 1, 0, 'ja');
  } else if (type === 'object') {
    values.push(JSON.parse('{"__proto__": {"x": 1}}'), [synthesize(schema)], { ...(synthesize(schema) as object), extra: 1 });
  }
  if (schema.enum) values.push('', `${String(schema.enum[0])} `, String(schema.enum[0]).toUpperCase(), 0);
  return values;
}

/** The problem with a message a person may read, or null when it is a clear Dutch sentence. */
const ENGLISH = /\b(invalid|expected|received|required|unrecognized|too (big|small)|must be|cannot|undefined is|is not a function|of undefined|of null|SQLITE|constraint|TypeError|RangeError|stack)\b/i;
const DUTCH =
  /\b(de|het|een|is|niet|geen|van|voor|moet|mag|kan|kies|geef|vul|ongeldige?|onbekende?|maximaal|minstens|bestaat|verplicht|alleen|eerst|verwacht|ontving|invoer|bestand|tekens|fout|te|er|al|nog|deze|dit|wordt|zijn|staat|hoort|zonder)\b/i;

export function notDutch(message: unknown): string | null {
  if (typeof message !== 'string' || message.trim() === '') return 'empty message';
  if (ENGLISH.test(message.replace(/verwacht \w+, ontving \w+/g, ''))) return `English or technical text: ${message.slice(0, 200)}`;
  if (!DUTCH.test(message)) return `no Dutch words: ${message.slice(0, 200)}`;
  return null;
}

/** A short, always-printable description of a test input (BigInt, cycles, megabytes and all). */
export function describeInput(value: unknown, max = 300): string {
  let text: string;
  try {
    text =
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'bigint') return `${v}n`;
        if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
        if (typeof v === 'string' && v.length > 60) return `${JSON.stringify(v.slice(0, 20)).slice(1, -1)}…(${v.length} chars)`;
        if (Array.isArray(v) && v.length > 20) return `[array of ${v.length}]`;
        if (v instanceof Map || v instanceof Set) return `${v.constructor.name}(${v.size})`;
        return v;
      }) ?? String(value);
  } catch {
    text = `${Object.prototype.toString.call(value)} (not serialisable)`;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/envelope';
import type { EafImportResult } from '../../shared/domain/fragments';
import { runAgreementCommand } from '../../electron/backend/features/agreement/agreement-command';
import { fragmentWorld, type FragmentWorld } from './support/fragment-world';
import { describeInput, fuzzSeed, HOSTILE_STRINGS, notDutch, randomString, reproduce, Rng, subSeed } from './support/fuzz';
import { seedRecording } from './support/seed';
import { startTestBackend, type TestBackend } from './support/temp-backend';

/*
 * Hostile files for the importers. The app has two: ELAN (.eaf) files through fragments.importEaf,
 * and the agreement command's CSV of scores. (There is no XLSX importer; XLSX is export-only.)
 * Seeded mutations of valid files, plus the classic attacks, must each either import completely or
 * be refused with a clear Dutch message, with not one row changed: never a crash, never half a file.
 */

const FILE = 'test/integration/fuzz-importers.test.ts';
const SEED = fuzzSeed();
const EAF_CASES = Number(process.env['FUZZ_RUNS'] ?? 60);
const CSV_CASES = Number(process.env['FUZZ_RUNS'] ?? 60) * 2;
const FIXTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/eaf/elan-made.eaf'), 'utf8');
const MB = 1024 * 1024;

// ——— ELAN ———

let t: TestBackend;
let w: FragmentWorld;
/** An .eaf exported by the app itself, with a note, caregivers, feedback flags and answers. */
let exported: string;
/** A second recording with the same caregivers: the import target. */
let target: number;

beforeAll(async () => {
  t = startTestBackend();
  w = await fragmentWorld(t);
  const tags = await t.api.call('tags.list', {});
  const questions = await t.api.call('questions.list', {});
  await t.api.call('fragments.create', {
    recordingId: w.recordingId,
    startMs: 1001,
    endMs: 12_345,
    tagIds: [tags[0]!.id, tags[1]!.id],
    caregiverId: w.moederId,
    note: 'Moeder "kijkt", lacht;\r\nbaby reageert & kirt <3\tdan stil. =cmd|',
    forFeedback: true,
    answers: [{ questionId: questions[0]!.id, answer: 'Een blije baby.' }],
  });
  await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 30_000, tagIds: [tags[2]!.id], caregiverId: w.vaderId, note: '  spaties  ' });
  await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 45_000, endMs: 61_000, tagIds: [tags[3]!.id], caregiverId: null });
  exported = (await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'eaf' })).content;
  target = seedRecording(t.backend, { familyId: w.familyId, caregiverIds: [w.moederId, w.vaderId], durationMs: 900_000 });
});
afterAll(() => t?.close());

/** Every row an import may write, in full: a refused or dry-run import must leave it byte for byte the same. */
function snapshot(): { fragments: number; text: string } {
  const db = t.backend.db;
  const fragments = db.prepare('SELECT * FROM fragments ORDER BY id').all();
  const tags = db.prepare('SELECT * FROM fragment_tags ORDER BY fragment_id, tag_id').all();
  const answers = db.prepare('SELECT * FROM fragment_answers ORDER BY fragment_id, question_id').all();
  return { fragments: fragments.length, text: JSON.stringify([fragments, tags, answers]) };
}

const ELEMENTS = /<(TIME_SLOT|ANNOTATION|ALIGNABLE_ANNOTATION|REF_ANNOTATION|ANNOTATION_VALUE|TIER|LINGUISTIC_TYPE|TIME_ORDER|HEADER|CONTROLLED_VOCABULARY|CV_ENTRY_ML)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/g;
const ABSURD_TIMES = ['-1', '-5000', '86400001', '99999999999', '9007199254740993', '1e3', '0x10', '', ' 12', 'NaN', '1.5', '٣', '00000000000000000001', '&#49;'];
const JUNK = ['<!-- -->', '<![CDATA[x]]>', '<?pi x?>', '&unknown;', '&#0;', '&#xD800;', '&#x10FFFF;', '<X/>', '</TIER>', '<TIER>', '"', "'", '<', '&', '\u0000', '\u0001', '\uFFFE', '\uD800', ']]>'];

function matches(content: string, pattern: RegExp): RegExpExecArray[] {
  return [...content.matchAll(new RegExp(pattern.source, 'g'))];
}

function replaceAt(content: string, match: RegExpExecArray, replacement: string): string {
  return content.slice(0, match.index) + replacement + content.slice(match.index + match[0].length);
}

/** One seeded change to an .eaf text; its name goes into the failure message. */
function mutate(content: string, rng: Rng): [string, string] {
  const kind = rng.int(0, 11);
  switch (kind) {
    case 0: {
      const at = rng.int(0, content.length - 1);
      return [`truncate at ${at}`, content.slice(0, at)];
    }
    case 1: {
      let out = content;
      const flips = rng.int(1, 8);
      for (let i = 0; i < flips; i++) {
        const at = rng.int(0, out.length - 1);
        const char = rng.chance(0.5) ? rng.pick(JUNK) : String.fromCharCode(rng.int(0, 0xffff));
        out = out.slice(0, at) + char + out.slice(at + 1);
      }
      return [`flip ${flips} characters`, out];
    }
    case 2:
    case 3: {
      const elements = matches(content, ELEMENTS);
      if (!elements.length) return ['(no element to change)', content];
      const element = rng.pick(elements);
      return kind === 2
        ? [`remove <${element[1]}> at ${element.index}`, replaceAt(content, element, '')]
        : [`duplicate <${element[1]}> at ${element.index}`, replaceAt(content, element, element[0] + element[0])];
    }
    case 4: {
      const slots = matches(content, /TIME_VALUE="[^"]*"/);
      if (!slots.length) return ['(no time slot)', content];
      const value = rng.pick(ABSURD_TIMES);
      return [`TIME_VALUE="${value}"`, replaceAt(content, rng.pick(slots), `TIME_VALUE="${value}"`)];
    }
    case 5: {
      const refs = matches(content, /TIME_SLOT_REF[12]="[^"]*"/);
      if (!refs.length) return ['(no slot reference)', content];
      const ids = matches(content, /TIME_SLOT_ID="([^"]*)"/).map((m) => m[1]!);
      const ref = rng.pick(refs);
      const value = rng.chance(0.5) && ids.length ? rng.pick(ids) : rng.pick(['ts999', '', '__proto__', 'constructor']);
      return [`${ref[0].slice(0, 14)}="${value}"`, replaceAt(content, ref, `${ref[0].slice(0, 14)}="${value}"`)];
    }
    case 6: {
      const refs = matches(content, /(ANNOTATION_REF|PARENT_REF|LINGUISTIC_TYPE_REF|TIER_ID|ANNOTATION_ID)="[^"]*"/);
      if (!refs.length) return ['(no reference)', content];
      const ref = rng.pick(refs);
      const value = rng.pick(['a999', '', '__proto__', 'hasOwnProperty', 'x'.repeat(300)]);
      return [`${ref[1]}="${value.slice(0, 20)}"`, replaceAt(content, ref, `${ref[1]}="${value}"`)];
    }
    case 7: {
      const at = rng.int(0, content.length);
      const junk = rng.pick(JUNK);
      return [`insert ${JSON.stringify(junk)} at ${at}`, content.slice(0, at) + junk + content.slice(at)];
    }
    case 8:
      return ['TIME_UNITS="PAL-frames"', content.replace('TIME_UNITS="milliseconds"', 'TIME_UNITS="PAL-frames"')];
    case 9: {
      const values = matches(content, /<ANNOTATION_VALUE>[^<]*<\/ANNOTATION_VALUE>/);
      if (!values.length) return ['(no annotation value)', content];
      const raw = rng.pick([...HOSTILE_STRINGS.filter((s) => s.length < 100_000), randomString(rng)]);
      const escaped = rng.chance(0.7) ? raw.replace(/&/g, '&amp;').replace(/</g, '&lt;') : raw;
      return [`ANNOTATION_VALUE ${describeInput(raw, 40)}`, replaceAt(content, rng.pick(values), `<ANNOTATION_VALUE>${escaped}</ANNOTATION_VALUE>`)];
    }
    case 10:
      // The bytes of a UTF-8 file read as Windows-1252/Latin-1: mojibake, but well-formed text.
      return ['UTF-8 read as Latin-1', Buffer.from(content, 'utf8').toString('latin1')];
    default: {
      // Deep nesting inside an annotation value.
      const depth = rng.int(20, 3000);
      return [`nested ${depth} deep`, content.replace('<ANNOTATION_VALUE>', `<ANNOTATION_VALUE>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`)];
    }
  }
}

interface ImportCase {
  name: string;
  content: string;
  tierIds?: string[];
  dryRun?: boolean;
  /** Must be refused (the attacks); otherwise either outcome is fine as long as it is whole. */
  refuse?: boolean;
}

/** Imports one file and checks the all-or-nothing rule; returns what went wrong. */
async function importChecked(c: ImportCase): Promise<string[]> {
  const before = snapshot();
  const input: Record<string, unknown> = { recordingId: target, content: c.content };
  if (c.tierIds) input['tierIds'] = c.tierIds;
  if (c.dryRun) input['dryRun'] = true;
  let envelope: Envelope<EafImportResult>;
  try {
    envelope = (await t.dispatch('fragments.importEaf', input)) as Envelope<EafImportResult>;
  } catch (error) {
    return [`dispatch threw ${String(error)}`];
  }
  const after = snapshot();
  const problems: string[] = [];
  if (!envelope.ok) {
    if (envelope.error.code === 'internal') problems.push(`answered 'internal': ${envelope.error.message}`);
    const wrong = notDutch(envelope.error.message);
    if (wrong) problems.push(`refusal is not clear Dutch (${wrong})`);
    if (after.text !== before.text) problems.push(`refused, but ${after.fragments - before.fragments} fragment rows were added or rows changed (partial import)`);
    return problems;
  }
  if (c.refuse) problems.push('a hostile file was accepted');
  const { value } = envelope;
  if (value.dryRun || c.dryRun) {
    if (after.text !== before.text) problems.push('a dry run changed rows');
    return problems;
  }
  // Complete: exactly the reported fragments were added, each with its tags, and nothing else changed.
  if (value.count !== value.fragments.length) problems.push(`count ${value.count} but ${value.fragments.length} fragments returned`);
  if (after.fragments !== before.fragments + value.count) problems.push(`reported ${value.count} fragments, but ${after.fragments - before.fragments} rows were added`);
  if (!after.text.startsWith(before.text.slice(0, before.text.indexOf('],[')))) problems.push('existing fragment rows changed');
  const untagged = t.backend.db.prepare('SELECT COUNT(*) AS n FROM fragments f WHERE NOT EXISTS (SELECT 1 FROM fragment_tags ft WHERE ft.fragment_id = f.id)').get() as { n: number };
  if (untagged.n) problems.push(`${untagged.n} imported fragments have no tag`);
  if (value.fragments.some((f) => f.note.includes('root:'))) problems.push('a local file was read into a note');
  return problems;
}

const ATTACKS: ImportCase[] = [
  {
    name: 'billion laughs',
    refuse: true,
    content: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>${FIXTURE.replace(/^<\?xml[^>]*>/, '').replace('<ANNOTATION_VALUE>oogcontact', '<ANNOTATION_VALUE>&lol9;')}`,
  },
  {
    name: 'external entity file:///etc/passwd',
    refuse: true,
    content: FIXTURE.replace('<ANNOTATION_DOCUMENT', '<!DOCTYPE ANNOTATION_DOCUMENT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ANNOTATION_DOCUMENT').replace(
      'zacht.</ANNOTATION_VALUE>',
      'zacht. &xxe;</ANNOTATION_VALUE>',
    ),
  },
  { name: 'DOCTYPE SYSTEM', refuse: true, content: FIXTURE.replace('<ANNOTATION_DOCUMENT', '<!DOCTYPE ANNOTATION_DOCUMENT SYSTEM "file:///etc/passwd">\n<ANNOTATION_DOCUMENT') },
  { name: 'lower-case doctype', refuse: true, content: FIXTURE.replace('<ANNOTATION_DOCUMENT', '<!doctype x [<!entity e "x">]>\n<ANNOTATION_DOCUMENT') },
  { name: 'entity without a DOCTYPE', refuse: true, content: FIXTURE.replace('<ANNOTATION_VALUE>oogcontact', '<ANNOTATION_VALUE>&xxe;oogcontact') },
  { name: 'parameter entity', refuse: true, content: FIXTURE.replace('<ANNOTATION_DOCUMENT', '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>\n<ANNOTATION_DOCUMENT') },
  { name: 'XInclude', content: FIXTURE.replace('<TIME_ORDER>', '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/><TIME_ORDER>') },
  { name: 'CDATA trick', content: FIXTURE.replace('praat zacht.', 'praat <![CDATA[<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;]]> zacht.') },
  { name: 'NUL character', refuse: true, content: FIXTURE.replace('oogcontact', 'oog\u0000contact') },
  { name: 'lone surrogate', content: FIXTURE.replace('praat zacht', 'praat \uD800 zacht') },
  { name: 'replacement characters (decoded non-UTF-8)', content: FIXTURE.replace('praat zacht', 'praat z\uFFFDcht') },
  { name: 'UTF-16 declared', content: FIXTURE.replace('encoding="UTF-8"', 'encoding="UTF-16"') },
  { name: 'BOM and CRLF', content: `\uFEFF${FIXTURE.replace(/\n/g, '\r\n')}` },
  { name: 'empty', content: '' },
  { name: 'whitespace', content: ' \n\t ' },
  { name: 'not XML', content: 'clip;a;b\nc1;5;6\n' },
  { name: 'two documents', content: FIXTURE + FIXTURE.replace(/^<\?xml[^>]*>/, '') },
  { name: 'other root element', content: '<?xml version="1.0"?><svg onload="alert(1)"/>' },
  { name: 'unknown tier chosen', content: FIXTURE, tierIds: ['bestaat-niet', '__proto__'] },
  { name: 'dependent tier chosen', content: FIXTURE, tierIds: ['AB notitie'] },
  { name: 'slot at 24 h + 1 ms', content: FIXTURE.replace('TIME_VALUE="19870"', 'TIME_VALUE="86400001"') },
  { name: 'negative slot', content: FIXTURE.replace('TIME_VALUE="19870"', 'TIME_VALUE="-19870"') },
  { name: 'slot past the recording', content: FIXTURE.replace('TIME_VALUE="19870"', 'TIME_VALUE="86400000"') },
  { name: 'annotation ending before it starts', content: FIXTURE.replace('TIME_VALUE="3880"', 'TIME_VALUE="1000"') },
  { name: 'last annotation ending before it starts', content: FIXTURE.replace('TIME_SLOT_REF1="ts7" TIME_SLOT_REF2="ts8"', 'TIME_SLOT_REF1="ts8" TIME_SLOT_REF2="ts7"') },
  { name: 'annotation on a missing slot', content: FIXTURE.replace('TIME_SLOT_REF2="ts8"', 'TIME_SLOT_REF2="ts404"') },
  { name: 'reference to a missing annotation', content: FIXTURE.replace('ANNOTATION_REF="a2"', 'ANNOTATION_REF="a404"') },
  { name: '__proto__ attributes and elements', content: FIXTURE.replace('<TIME_ORDER>', '<TIME_ORDER __proto__="x" constructor="y"><__proto__ polluted="1"/><hasOwnProperty/>') },
  { name: '__proto__ ids', content: FIXTURE.replace(/"ts1"/g, '"__proto__"').replace(/"a1"/g, '"constructor"') },
  { name: '1001 tiers', content: FIXTURE.replace('<LINGUISTIC_TYPE ', `${'<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="t"/>'.repeat(1001)}<LINGUISTIC_TYPE `) },
  { name: 'over 20 MB in bytes, under in characters', refuse: true, content: FIXTURE.replace('praat zacht', `praat ${'é'.repeat(10.5 * MB)} zacht`) },
  { name: 'over 20 MB in characters', refuse: true, content: FIXTURE.replace('praat zacht', `praat ${'a'.repeat(20 * MB)} zacht`) },
  { name: '5 MB note', refuse: true, content: FIXTURE.replace('praat zacht', `praat ${'a'.repeat(5 * MB)} zacht`) },
];

describe(`fuzz: ELAN import is all or nothing, refusals are Dutch (seed ${SEED})`, () => {
  it('the unmutated files import completely (the checks can see a success)', async () => {
    for (const content of [FIXTURE, exported]) {
      const before = snapshot().fragments;
      expect(await importChecked({ name: 'valid', content })).toEqual([]);
      expect(snapshot().fragments).toBeGreaterThan(before);
    }
  });

  it('refuses the classic attacks and odd files without a crash or a partial import', async () => {
    const failures: string[] = [];
    for (const c of ATTACKS) for (const problem of await importChecked(c)) failures.push(`${c.name}: ${problem}`);
    expect(failures).toEqual([]);
  });

  it(`${EAF_CASES} seeded mutations of valid files either import whole or change nothing`, async () => {
    const rng = new Rng(subSeed(SEED, 'eaf'));
    const failures: string[] = [];
    let imported = 0;
    let refusedCount = 0;
    for (let i = 0; i < EAF_CASES; i++) {
      let content = rng.chance(0.5) ? FIXTURE : exported;
      const steps: string[] = [];
      for (let n = rng.int(1, 3); n > 0; n--) {
        const [step, next] = mutate(content, rng);
        steps.push(step);
        content = next;
      }
      const tierIds = rng.chance(0.15) ? [rng.pick(['AB', 'CT', 'transcriptie', 'woorden', 'AB notitie', '', ' ', 'x'.repeat(201)])] : undefined;
      const dryRun = rng.chance(0.2);
      const c: ImportCase = { name: `#${i} ${steps.join(' + ')}${tierIds ? ` tiers ${describeInput(tierIds, 30)}` : ''}${dryRun ? ' (dry run)' : ''}`, content, tierIds, dryRun };
      const before = snapshot().fragments;
      for (const problem of await importChecked(c)) failures.push(`${c.name}: ${problem}`);
      if (snapshot().fragments > before) imported += 1;
      else refusedCount += 1;
    }
    expect(failures, reproduce(SEED, FILE)).toEqual([]);
    // Both outcomes occur, so the run exercised the writing path as well as the refusals.
    expect(imported, `imports among ${EAF_CASES} mutations`).toBeGreaterThan(0);
    expect(refusedCount, `refusals among ${EAF_CASES} mutations`).toBeGreaterThan(0);
    expect(t.backend.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

// ——— CSV (agreement command) ———

const VALID_CSV = ['clip,a,b,c\nc1,2,2,3\nc2,5,5,5\nc3,8,9,8\nc4,4,,4\n', 'opname;beoordelaar;score\nc1;a;2\nc1;b;3\nc2;a;5\nc2;b;5\nc3;a;8\nc3;b;9\n'];
const BAD_SCORES = ['0', '10', '-1', '1e9', '5.5', '5,5', 'NaN', ' ', '', 'vijf', '٥', '0x5', '+5', '5 ', '"5"', '=1+1', '9007199254740993', '\u0000'];

function mutateCsv(text: string, rng: Rng): [string, string] {
  switch (rng.int(0, 10)) {
    case 0:
      return ['BOM', `\uFEFF${text}`];
    case 1:
      return ['swap , and ;', text.replace(/[,;]/g, (d) => (d === ',' ? ';' : ','))];
    case 2: {
      const at = rng.int(0, text.length);
      return [`quote at ${at}`, `${text.slice(0, at)}"${text.slice(at)}`];
    }
    case 3:
      return ['CRLF', text.replace(/\n/g, '\r\n')];
    case 4:
      return ['CR only', text.replace(/\n/g, '\r')];
    case 5: {
      const digits = [...text.matchAll(/(?<=[,;])\d(?=[,;\r\n])/g)];
      if (!digits.length) return ['(no score)', text];
      const score = rng.pick(BAD_SCORES);
      const match = rng.pick(digits);
      return [`score ${JSON.stringify(score)}`, text.slice(0, match.index) + score + text.slice(match.index! + 1)];
    }
    case 6: {
      const at = rng.int(0, text.length);
      return [`truncate at ${at}`, text.slice(0, at)];
    }
    case 7: {
      const lines = text.split('\n');
      const i = rng.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]!);
      return [`duplicate line ${i + 1}`, lines.join('\n')];
    }
    case 8: {
      const at = rng.int(0, text.length);
      const junk = rng.pick(['\u0000', '"', '""', ',,,', ';;;', '\n\n', 'é', '\uD800', '=cmd|', randomString(rng, 10)]);
      return [`insert ${JSON.stringify(junk)}`, text.slice(0, at) + junk + text.slice(at)];
    }
    case 9:
      return ['huge cell', text.replace('c1', 'c'.repeat(MB))];
    default:
      return ['(unchanged)', text];
  }
}

function runCsv(bytes: Uint8Array, args: string[] = ['s.csv']) {
  return runAgreementCommand(args, {
    resolvePath: (path) => path,
    readFile: (path) => {
      if (path !== 's.csv') throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return bytes;
    },
  });
}

function csvProblems(name: string, run: () => ReturnType<typeof runCsv>, onOutcome?: (exitCode: number) => void): string[] {
  let outcome: ReturnType<typeof runCsv>;
  try {
    outcome = run();
  } catch (error) {
    return [`${name}: the command threw ${error instanceof Error ? error.message : String(error)}`];
  }
  onOutcome?.(outcome.exitCode);
  if (outcome.exitCode === 0) {
    try {
      JSON.parse(outcome.stdout);
    } catch {
      return [`${name}: exit 0 without JSON on stdout`];
    }
    return outcome.stderr === '' ? [] : [`${name}: exit 0 with stderr ${outcome.stderr.slice(0, 100)}`];
  }
  const problems: string[] = [];
  if (outcome.exitCode !== 2) problems.push(`${name}: exit code ${outcome.exitCode}`);
  if (outcome.stdout !== '') problems.push(`${name}: output on stdout with a failure`);
  if (!outcome.stderr.startsWith('Fout: ')) problems.push(`${name}: stderr does not start with "Fout: "`);
  const wrong = notDutch(outcome.stderr.replace(/^Fout: /, ''));
  if (wrong) problems.push(`${name}: ${wrong}`);
  return problems;
}

describe(`fuzz: the agreement CSV reader refuses bad files in Dutch and never crashes (seed ${SEED})`, () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('the fixed cases: empty, huge, binary, not UTF-8, wrong scores', () => {
    const big = `clip,a,b\n${Array.from({ length: 3000 }, (_, i) => `c${i},${(i % 9) + 1},${((i + 1) % 9) + 1}`).join('\n')}\n`;
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array()],
      ['only a BOM', encode('\uFEFF')],
      ['only a header', encode('clip,a,b\n')],
      ['no delimiter', encode('clip\nc1\n')],
      ['unbalanced quote', encode('clip,a,b\n"c1,5,5\n')],
      ['latin-1 bytes', Uint8Array.from([0x63, 0x6c, 0x69, 0x70, 0x2c, 0xe9, 0x0a])],
      ['UTF-16 with BOM', Uint8Array.from(Buffer.from('\uFEFFclip,a,b\nc1,5,5\n', 'utf16le'))],
      ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)],
      ['NUL bytes', new Uint8Array(1024)],
      ['score 10', encode('clip;a;b\nc1;5;6\nc2;3;10\n')],
      ['score 0', encode('clip,a,b\nc1,0,6\nc2,3,4\n')],
      ['decimal comma', encode('clip;a;b\nc1;5,5;6\nc2;3;4\n')],
      ['text score', encode('clip,a,b\nc1,vijf,6\nc2,3,4\n')],
      ['formula', encode('clip,a,b\n=cmd|calc,5,6\nc2,3,4\n')],
      ['3000 clips', encode(big)],
      ['1 MB header', encode(`clip,${'a'.repeat(MB)},b\nc1,5,6\n`)],
      ['5000 raters', encode(`clip,${Array.from({ length: 5000 }, (_, i) => `r${i}`).join(',')}\nc1,${Array(5000).fill(5).join(',')}\n`)],
    ];
    const failures = cases.flatMap(([name, bytes]) => csvProblems(name, () => runCsv(bytes)));
    for (const args of [['s.csv', '--min', '1e309'], ['s.csv', '--max', '-0'], ['s.csv', '--min', '9007199254740993', '--max', '9007199254740999'], ['s.csv', '--min=', '--max='], ['--min', '--max'], ['weg.csv'], ['s.csv', '\u0000']]) {
      failures.push(...csvProblems(`args ${JSON.stringify(args)}`, () => runCsv(encode(VALID_CSV[0]!), args)));
    }
    expect(failures).toEqual([]);
    // The valid files do compute: the checks can see a success.
    for (const text of VALID_CSV) expect(runCsv(encode(text)).exitCode).toBe(0);
  });

  it(`${CSV_CASES} seeded mutations of valid files: a result or a Dutch "Fout:", never a crash`, () => {
    const rng = new Rng(subSeed(SEED, 'csv'));
    const failures: string[] = [];
    let refusedCount = 0;
    for (let i = 0; i < CSV_CASES; i++) {
      let text = rng.pick(VALID_CSV);
      const steps: string[] = [];
      for (let n = rng.int(1, 3); n > 0; n--) {
        const [step, next] = mutateCsv(text, rng);
        steps.push(step);
        text = next;
      }
      const bytes = encode(text);
      // Now and then a raw byte flip, which may make the file invalid UTF-8.
      if (rng.chance(0.15)) {
        bytes[rng.int(0, Math.max(0, bytes.length - 1))] = rng.int(0x80, 0xff);
        steps.push('byte flip');
      }
      const name = `#${i} ${steps.join(' + ')}`;
      failures.push(...csvProblems(name, () => runCsv(bytes), (exitCode) => (refusedCount += exitCode === 0 ? 0 : 1)));
    }
    expect(failures, reproduce(SEED, FILE)).toEqual([]);
    expect(refusedCount).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { AgreementJson } from './agreement-json';
import { runAgreementCommand, USAGE } from './agreement-command';

function run(args: string[], files: Record<string, string | Uint8Array> = {}) {
  return runAgreementCommand(args, {
    resolvePath: (path) => path,
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  });
}

function json(args: string[], files: Record<string, string | Uint8Array>): AgreementJson {
  const outcome = run(args, files);
  expect(outcome.stderr).toBe('');
  expect(outcome.exitCode).toBe(0);
  return JSON.parse(outcome.stdout) as AgreementJson;
}

describe('runAgreementCommand: arguments', () => {
  it('prints the usage on --help', () => {
    expect(run(['--help'])).toEqual({ exitCode: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it.each([
    [[], 'geef een bestand met scores op.'],
    [['a.csv', 'b.csv'], 'één bestand tegelijk, niet ook "b.csv".'],
    [['a.csv', '--scale', '5'], 'onbekende optie --scale.'],
    [['a.csv', '--min'], '--min verwacht een geheel getal.'],
    [['a.csv', '--max', 'negen'], '--max verwacht een geheel getal, niet "negen".'],
    [['a.csv', '--min=1.5'], '--min verwacht een geheel getal, niet "1.5".'],
    [['a.csv', '--min', '9', '--max', '1'], '--min (9) moet kleiner zijn dan --max (1).'],
  ])('refuses %j with status 2 and the usage', (args, message) => {
    const outcome = run(args);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toBe(`Fout: ${message}\n\n${USAGE}\n`);
  });

  it('reports a missing file and a file that is not UTF-8', () => {
    expect(run(['weg.csv'])).toEqual({ exitCode: 2, stdout: '', stderr: 'Fout: bestand niet gevonden: weg.csv\n' });
    const latin1 = Uint8Array.from([...new TextEncoder().encode('clip,b\xe9\n'.slice(0, 6)), 0xe9, 0x0a]);
    const outcome = run(['x.csv'], { 'x.csv': latin1 });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toMatch(/^Fout: x\.csv is geen UTF-8-tekst/);
  });

  it('reports a bad score with the file, line, clip and rater', () => {
    const outcome = run(['s.csv'], { 's.csv': 'clip;a;b\nc1;5;6\nc2;3;10\n' });
    expect(outcome).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'Fout: s.csv: Regel 3: opname "c2", beoordelaar "b": score 10 valt buiten de schaal 1–9.\n',
    });
  });

  it('takes the scale from --min/--max in both spellings', () => {
    const files = { 's.csv': 'clip,a,b\nc1,0,10\nc2,5,5\nc3,10,9\n' };
    expect(run(['s.csv']).exitCode).toBe(2);
    expect(json(['--min=0', 's.csv', '--max', '10'], files).n_clips).toBe(3);
  });
});

describe('runAgreementCommand: output', () => {
  it('prints every statistic, with raters, pair sizes and fractions', () => {
    const out = json(['s.csv'], { 's.csv': 'clip,a,b,c\nc1,2,2,3\nc2,5,5,5\nc3,8,9,8\nc4,4,,4\n' });
    expect(Object.keys(out)).toEqual([
      'n_clips',
      'n_raters',
      'icc',
      'kappa_pairs',
      'fleiss_kappa',
      'kripp_alpha',
      'pct_exact',
      'pct_within1',
      'reasons',
      'warnings',
    ]);
    expect(out.n_clips).toBe(4);
    expect(out.n_raters).toBe(3);
    expect(Object.keys(out.icc)).toEqual(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']);
    expect(out.kappa_pairs.map((pair) => [pair.raters, pair.n])).toEqual([
      [['a', 'b'], 3],
      [['a', 'c'], 4],
      [['b', 'c'], 3],
    ]);
    // c1: 1 of 3 pairs exact, c2: 3 of 3, c3: 1 of 3, c4: 1 of 1
    expect(out.pct_exact).toBeCloseTo((1 / 3 + 1 + 1 / 3 + 1) / 4, 15);
    expect(out.pct_within1).toBe(1);
    expect(out.reasons).toEqual({});
  });

  it('gives null with a reason under the same path when a value is not computable', () => {
    const out = json(['s.csv'], { 's.csv': 'clip,a,b\nc1,5,5\nc2,5,5\nc3,5,\n' });
    expect(out.icc.ICC2).toEqual({ value: null, lower: null, upper: null });
    expect(out.fleiss_kappa).toBeNull();
    expect(out.kappa_pairs[0]?.linear).toBeNull();
    expect(out.reasons['icc.ICC2']).toEqual({
      code: 'no-variance',
      reason: 'Geen variatie: alle gebruikte scores zijn gelijk, dus overeenstemming boven toeval is niet te bepalen.',
    });
    expect(out.reasons['kappa_pairs[0].linear']?.code).toBe('no-variance');
    expect(out.reasons['kripp_alpha.ordinal']?.code).toBe('no-variance');
    // Agreement itself is perfectly well defined.
    expect(out.pct_exact).toBe(1);
    expect(out.reasons).not.toHaveProperty('pct_exact');
  });

  it('passes on warnings for values outside [−1, 1] and missing intervals', () => {
    const out = json(['s.csv'], { 's.csv': 'clip,a,b,c\n1,1,9,5\n2,9,1,5\n3,2,8,4\n4,8,3,6\n5,5,4,6\n6,3,7,5\n' });
    expect(out.warnings['icc.ICC1k']?.map((w) => w.code)).toEqual(['outside-unit-range']);
    expect(out.warnings['icc.ICC2k']?.map((w) => w.code)).toEqual(['outside-unit-range', 'interval-not-computable']);
    expect(out.icc.ICC2k?.lower).toBeNull();
    expect(out.icc.ICC1k?.value).toBeLessThan(-1);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  agreementFixtures,
  fixture,
  fixtureCsvPath,
  type AgreementFixture,
} from '../../../../test/fixtures/agreement/fixtures';
import type { AgreementJson } from './agreement-json';

// End to end: the real process, as `npm run agreement` starts it, on real files.
const CLI = 'electron/backend/features/agreement/agreement-cli.ts';
const directory = mkdtempSync(join(tmpdir(), 'agreement-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, npm_lifecycle_event: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

function expectMatchesR(out: AgreementJson, dataset: AgreementFixture): void {
  const expected = dataset.expected;
  expect(out.n_clips).toBe(dataset.scores.length);
  expect(out.n_raters).toBe(dataset.rater_ids.length);
  for (const [form, interval] of Object.entries(expected.icc)) {
    const actual = out.icc[form];
    expect(actual?.value).toBeCloseTo(interval.value, 9);
    if (actual?.lower !== null) {
      expect(actual?.lower).toBeCloseTo(interval.lower ?? Number.NaN, 9);
      expect(actual?.upper).toBeCloseTo(interval.upper ?? Number.NaN, 9);
    }
  }
  expected.kappa_pairs.forEach((pair, index) => {
    const actual = out.kappa_pairs[index];
    expect(actual?.raters).toEqual(pair.raters);
    expect(actual?.n).toBe(pair.n);
    expect(actual?.unweighted).toBeCloseTo(pair.unweighted, 9);
    expect(actual?.linear).toBeCloseTo(pair.linear, 9);
    expect(actual?.quadratic).toBeCloseTo(pair.quadratic, 9);
  });
  expect(out.fleiss_kappa).toBeCloseTo(expected.fleiss_kappa, 9);
  expect(out.kripp_alpha.nominal).toBeCloseTo(expected.kripp_alpha.nominal, 9);
  expect(out.kripp_alpha.ordinal).toBeCloseTo(expected.kripp_alpha.ordinal, 9);
  expect(out.kripp_alpha.interval).toBeCloseTo(expected.kripp_alpha.interval, 9);
  expect(out.pct_exact).toBeCloseTo(expected.pct_exact, 9);
  expect(out.pct_within1).toBeCloseTo(expected.pct_within1, 9);
}

// Rater by rater, so that order of first appearance (which fixes the raters' order) is the
// order of the wide file's columns; an empty score line stands in for one missing rating.
function toLongCsv(dataset: AgreementFixture): string {
  const lines = ['rater;clip;score'];
  dataset.rater_ids.forEach((rater, raterIndex) =>
    dataset.scores.forEach((row, clip) => {
      const score = row[raterIndex] ?? null;
      if (score !== null) lines.push(`${rater};${dataset.clip_ids[clip]};${score}`);
      else if (clip === 0) lines.push(`${rater};${dataset.clip_ids[clip]};`);
    }),
  );
  return `${lines.join('\r\n')}\r\n`;
}

describe('agreement CLI', () => {
  it.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))(
    'reproduces the R reference values for %s',
    (_, dataset) => {
      const result = cli(fixtureCsvPath(dataset), '--min', String(dataset.min), '--max', String(dataset.max));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expectMatchesR(JSON.parse(result.stdout) as AgreementJson, dataset);
    },
  );

  it('reproduces the published examples', () => {
    const sf = JSON.parse(cli(fixtureCsvPath(fixture('shrout-fleiss-1979')), '--max', '10').stdout) as AgreementJson;
    expect([sf.icc.ICC1, sf.icc.ICC2, sf.icc.ICC3, sf.icc.ICC1k, sf.icc.ICC2k, sf.icc.ICC3k].map((s) => s?.value?.toFixed(2))).toEqual(
      ['0.17', '0.29', '0.71', '0.44', '0.62', '0.91'],
    );
    const kripp = JSON.parse(cli(fixtureCsvPath(fixture('krippendorff-2011'))).stdout) as AgreementJson;
    expect(kripp.kripp_alpha.nominal?.toFixed(3)).toBe('0.743');
    expect(kripp.kripp_alpha.ordinal?.toFixed(3)).toBe('0.815');
    expect(kripp.kripp_alpha.interval?.toFixed(3)).toBe('0.849');
    const fleiss = JSON.parse(cli(fixtureCsvPath(fixture('fleiss-1971')), '--max', '5').stdout) as AgreementJson;
    expect(fleiss.fleiss_kappa?.toFixed(3)).toBe('0.430');
  });

  it('reads the same data as a long, semicolon-separated file with a BOM and CRLF', () => {
    const dataset = fixture('missing-50x6');
    const path = tempFile('long.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toLongCsv(dataset))]));
    const result = cli(path);
    expect(result.status).toBe(0);
    expectMatchesR(JSON.parse(result.stdout) as AgreementJson, dataset);
  });

  it('gives null and a reason for statistics that cannot be computed', () => {
    const out = JSON.parse(cli(tempFile('flat.csv', 'clip;a;b\n1;5;5\n2;5;5\n')).stdout) as AgreementJson;
    expect(out.icc.ICC1?.value).toBeNull();
    expect(out.reasons['icc.ICC1']?.code).toBe('no-variance');
    expect(out.pct_exact).toBe(1);
  });

  it.each([
    ['a score outside the scale', 'clip,a,b\nc1,5,6\nc2,0,4\n', 'Regel 3: opname "c2", beoordelaar "a": score 0 valt buiten de schaal 1–9.'],
    ['a non-integer score', 'clip,a,b\nc1,5,6.5\n', 'Regel 2: opname "c1", beoordelaar "b": 6.5 is geen geheel getal'],
    ['a non-number', 'clip;a;b\nc1;5;zes\n', 'Regel 2: opname "c1", beoordelaar "b": "zes" is geen getal'],
    ['a ragged row', 'clip,a,b\nc1,5\n', 'Regel 2: 2 kolommen, verwacht 3'],
    ['an unterminated quote', 'clip,a\n"c1,5\n', 'Regel 2: aanhalingsteken wordt niet afgesloten.'],
  ])('exits with status 2 and a Dutch message on %s', (name, content, message) => {
    const path = tempFile(`${name.replace(/\W+/g, '-')}.csv`, content);
    const result = cli(path);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.startsWith('Fout: ')).toBe(true);
  });

  it('exits with status 2 for a missing file or bad options', () => {
    expect(cli(join(directory, 'weg.csv'))).toMatchObject({ status: 2, stderr: expect.stringContaining('bestand niet gevonden') });
    expect(cli()).toMatchObject({ status: 2, stderr: expect.stringContaining('Gebruik:') });
    expect(cli(fixtureCsvPath(fixture('complete-30x4')), '--min', '5', '--max', '5').status).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/temp-backend';

// The statistics' reference values (test/fixtures/agreement) come from R. Where R is installed,
// this regenerates them and requires the committed files to be exactly what R computes now, so a
// hand-edited expectation or a drifted R package cannot pass unnoticed. CI installs R and sets
// AFSTEMMING_REQUIRE_R=1, so there a missing R is a failure, not a skip.

const FIXTURES = resolve(import.meta.dirname, '../fixtures/agreement');
const hasRscript = spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).error === undefined;
const required = process.env.AFSTEMMING_REQUIRE_R === '1';

describe('the agreement fixtures, regenerated in R', () => {
  it.runIf(required && !hasRscript)('needs R where CI says it is installed', () => {
    expect.fail('AFSTEMMING_REQUIRE_R=1 but Rscript is not on PATH: apt-get install r-base-core r-cran-psych r-cran-jsonlite');
  });

  it.runIf(hasRscript)('are byte for byte what R and psych compute', () => {
    const dir = tempDir('afstemming-r-').path;
    copyFileSync(join(FIXTURES, 'generate-fixtures.R'), join(dir, 'generate-fixtures.R'));
    const result = spawnSync('Rscript', [join(dir, 'generate-fixtures.R')], { encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    const written = readdirSync(dir).filter((name) => name.endsWith('.csv') || name.endsWith('.json'));
    const committed = readdirSync(FIXTURES).filter((name) => name.endsWith('.csv') || name.endsWith('.json'));
    expect(written.sort()).toEqual(committed.sort());
    for (const name of committed) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(readFileSync(join(FIXTURES, name), 'utf8'));
  }, 120_000);
});

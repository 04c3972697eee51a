import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeAgreement } from '../../shared/stats/compute-agreement';
import { computeIcc } from '../../shared/stats/icc';
import type { RatingsMatrix, Score } from '../../shared/stats/ratings-matrix';
import { mulberry32 } from '../../shared/stats/seeded-random';

// A team-sized worst case: 500 clips × 8 raters, 10% of ratings missing, every statistic
// plus 2,000 bootstrap resamples of all of them. Target: all_stats_ms ≤ 1000 on 2 cores.

const CLIPS = 500;
const RATERS = 8;
const MISSING = 0.1;
const RESAMPLES = 2000;
const SCALE = { min: 1, max: 9 };

function benchMatrix(seed: number): RatingsMatrix {
  const random = mulberry32(seed);
  // Sum of uniforms: a cheap bell shape for true scores and rating noise.
  const bell = () => random() + random() + random() - 1.5;
  const scores: Score[][] = [];
  for (let clip = 0; clip < CLIPS; clip++) {
    const truth = 5 + 2.5 * bell();
    const row: Score[] = [];
    for (let rater = 0; rater < RATERS; rater++) {
      const score = Math.min(9, Math.max(1, Math.round(truth + 1.2 * bell())));
      row.push(random() < MISSING ? null : score);
    }
    scores.push(row);
  }
  return { raterIds: Array.from({ length: RATERS }, (_, i) => `r${i + 1}`), scores };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// psych::ICC timed inside R, over the ICC call only, averaged over a loop because one call is
// close to the resolution of R's clock. Null when R or psych is not available.
function psychIccMs(complete: RatingsMatrix, repetitions: number): number | null {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return null;
  const directory = mkdtempSync(join(tmpdir(), 'agreement-bench-'));
  try {
    const csv = join(directory, 'ratings.csv');
    writeFileSync(csv, [complete.raterIds.join(','), ...complete.scores.map((row) => row.join(','))].join('\n'));
    const script = [
      'suppressPackageStartupMessages(library(psych))',
      `x <- as.matrix(read.csv(${JSON.stringify(csv)}))`,
      'invisible(psych::ICC(x, lmer = FALSE))',
      'start <- proc.time()[["elapsed"]]',
      `for (i in seq_len(${repetitions})) invisible(psych::ICC(x, lmer = FALSE))`,
      `cat((proc.time()[["elapsed"]] - start) / ${repetitions} * 1000)`,
    ].join('\n');
    const result = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
    const ms = Number(result.stdout.trim());
    return result.status === 0 && Number.isFinite(ms) && ms > 0 ? ms : null;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function runAgreementBench(print: (name: string, value: number) => void): Promise<void> {
  const matrix = benchMatrix(20240917);
  const options = { bootstrap: { resamples: RESAMPLES, seed: 1 } };

  // One untimed run so that the figure is the steady state a user sees after the first report.
  computeAgreement(matrix, SCALE, { bootstrap: { resamples: 50, seed: 2 } });
  const runs = [0, 1, 2].map(() => timeMs(() => computeAgreement(matrix, SCALE, options)));
  print('all_stats_ms', median(runs));

  const complete: RatingsMatrix = {
    raterIds: matrix.raterIds,
    scores: matrix.scores.filter((row) => row.every((score) => score !== null)),
  };
  const repetitions = 50;
  // Our side of the comparison: the same ICC call (all six forms with F intervals) on the same
  // complete clips that psych gets.
  const oursMs = median(
    [0, 1, 2, 3, 4].map(
      () =>
        timeMs(() => {
          for (let i = 0; i < repetitions; i++) computeIcc(complete, SCALE);
        }) / repetitions,
    ),
  );
  print('icc_ms', oursMs);
  const psychMs = psychIccMs(complete, 20);
  if (psychMs !== null) {
    print('r_psych_icc_ms', psychMs);
    print('vs_r_psych_icc', oursMs / psychMs);
  }
}

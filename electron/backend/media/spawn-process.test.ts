import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, spawnProcess } from './spawn-process';

describe('spawnProcess time-outs', () => {
  it('treats a time-out beyond what setTimeout holds as the longest one, not as "now"', async () => {
    // Node fires a timer over 2^31 − 1 ms at once; the process would be killed before it began.
    const outcome = await spawnProcess(process.execPath, ['-e', 'setTimeout(() => process.exit(0), 300)'], { timeoutMs: 2 ** 40 });
    expect(outcome.ending).toBe('exit');
    expect(outcome.exitCode).toBe(0);
    expect(MAX_TIMER_MS).toBe(2_147_483_647);
  });

  it('still kills a process that outlives an ordinary time-out', async () => {
    const outcome = await spawnProcess(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { timeoutMs: 200 });
    expect(outcome.ending).toBe('timeout');
  });
});

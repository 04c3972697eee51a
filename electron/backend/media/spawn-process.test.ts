import { describe, expect, it } from 'vitest';
import { CAN_PAUSE_PROCESSES, PauseSignal } from './pause-signal';
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

describe('spawnProcess pausing', () => {
  // A child that writes the time of 40 ticks, one every 20 ms. Its own clock, not the moment the
  // parent reads the pipe (which a loaded machine delays): while suspended, it can take no tick.
  const ticker = ['-e', 'let n = 0; setInterval(() => { process.stdout.write(`${Date.now()}\\n`); if (++n === 40) process.exit(0); }, 20)'];
  const until = async (predicate: () => boolean) => {
    for (const end = Date.now() + 10_000; !predicate() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
  };

  it.runIf(CAN_PAUSE_PROCESSES)('suspends the process while the signal is raised and lets it go on afterwards', async () => {
    const pause = new PauseSignal();
    const ticks: number[] = [];
    let text = '';
    const running = spawnProcess(process.execPath, ticker, {
      pause,
      onStdout: (chunk) => {
        text += chunk.toString();
        ticks.splice(0, ticks.length, ...text.split('\n').filter(Boolean).map(Number));
      },
    });
    await until(() => ticks.length >= 3);
    pause.set(true);
    const pausedAt = Date.now();
    await new Promise((r) => setTimeout(r, 600));
    pause.set(false);
    const resumedAt = Date.now();
    const outcome = await running;
    expect(outcome.ending).toBe('exit');
    // A tick may be taken as SIGSTOP lands; none in the pause itself.
    expect(ticks.filter((at) => at > pausedAt + 20 && at < resumedAt)).toEqual([]);
    expect(ticks).toHaveLength(40);
    expect(ticks.filter((at) => at > resumedAt).length).toBeGreaterThan(0);
  });

  it.runIf(CAN_PAUSE_PROCESSES)('stops the time-out clock while suspended, and still kills a process that is suspended when aborted', async () => {
    const pause = new PauseSignal();
    // 1.5 s of running time allowed; it needs well under that, but is held for 2 s on the way:
    // with a wall-clock time-out it would be killed in the pause.
    const running = spawnProcess(process.execPath, ['-e', 'setTimeout(() => process.exit(0), 300)'], { pause, timeoutMs: 1500 });
    await new Promise((r) => setTimeout(r, 100));
    pause.set(true);
    await new Promise((r) => setTimeout(r, 2000));
    pause.set(false);
    expect((await running).ending).toBe('exit');

    const controller = new AbortController();
    const held = new PauseSignal();
    held.set(true);
    const suspended = spawnProcess(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { pause: held, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect((await suspended).ending).toBe('aborted');
  });
});

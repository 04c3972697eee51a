import { spawn } from 'node:child_process';
import { CAN_PAUSE_PROCESSES, type PauseSignal } from './pause-signal';

/**
 * The longest delay setTimeout keeps: beyond 2^31 − 1 ms (24.8 days) Node fires the timer at once
 * (with a warning), which would kill every process immediately instead of never.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SpawnOptions {
  /** Kill the process (SIGKILL) after this long (at most MAX_TIMER_MS; more counts as that); 0 or undefined = no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * While raised, the process is suspended (SIGSTOP) and its time-out stands still; it continues
   * (SIGCONT) when lowered. Ignored where processes cannot be suspended (Windows).
   */
  pause?: PauseSignal;
  /** Receives stdout as it arrives; when absent, stdout is collected up to maxStdoutBytes. */
  onStdout?: (chunk: Buffer) => void;
  /** Collected stdout beyond this is treated as a failure (a hostile file must not fill memory). */
  maxStdoutBytes?: number;
  /** Called with every complete stderr line (ffmpeg's progress or error lines). */
  onStderrLine?: (line: string) => void;
  stderrTailLines?: number;
}

export interface SpawnOutcome {
  /** How it ended: normally (any exit code), killed by the time-out, or by the abort signal. */
  ending: 'exit' | 'timeout' | 'aborted' | 'overflow' | 'spawn_error';
  exitCode: number | null;
  stdout: Buffer;
  /** The last lines of stderr, for the log file (never shown to users). */
  stderrTail: string;
  spawnError?: Error;
}

/**
 * Runs a binary with an argument array (never a shell), with a hard time-out and abort. It always
 * resolves: the callers turn an outcome into their own Dutch error.
 */
export function spawnProcess(binary: string, args: readonly string[], options: SpawnOptions = {}): Promise<SpawnOutcome> {
  const { timeoutMs, signal, pause, onStdout, maxStdoutBytes = 16 * 1024 * 1024, onStderrLine, stderrTailLines = 30 } = options;
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ ending: 'aborted', exitCode: null, stdout: Buffer.alloc(0), stderrTail: '' });
      return;
    }
    const child = spawn(binary, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let ending: SpawnOutcome['ending'] = 'exit';
    let spawnError: Error | undefined;
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    const tail: string[] = [];
    let partial = '';

    const stop = (why: SpawnOutcome['ending']) => {
      if (ending === 'exit') ending = why;
      child.kill('SIGKILL');
    };
    // The time-out counts running time only: a process suspended for a playable job has not stalled.
    let timeLeft = timeoutMs ? Math.min(timeoutMs, MAX_TIMER_MS) : 0;
    let timer: NodeJS.Timeout | undefined;
    let timerStarted = 0;
    const startTimer = () => {
      if (!timeLeft) return;
      timerStarted = Date.now();
      timer = setTimeout(() => stop('timeout'), timeLeft);
    };
    const holdTimer = () => {
      if (!timer) return;
      clearTimeout(timer);
      timer = undefined;
      timeLeft = Math.max(1, timeLeft - (Date.now() - timerStarted));
    };
    startTimer();
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    let suspended = false;
    const onPause = (paused: boolean) => {
      if (paused === suspended || child.exitCode !== null || child.signalCode !== null || ending !== 'exit') return;
      // A process that has just exited may refuse the signal; its close event follows.
      if (!child.kill(paused ? 'SIGSTOP' : 'SIGCONT')) return;
      suspended = paused;
      if (paused) holdTimer();
      else startTimer();
    };
    const unsubscribe = CAN_PAUSE_PROCESSES && pause ? pause.subscribe(onPause) : () => undefined;
    if (CAN_PAUSE_PROCESSES && pause?.paused) onPause(true);

    child.stdout.on('data', (chunk: Buffer) => {
      if (onStdout) {
        onStdout(chunk);
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) stop('overflow');
      else stdoutChunks.push(chunk);
    });
    const pushLine = (line: string) => {
      if (!line) return;
      onStderrLine?.(line);
      tail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (tail.length > stderrTailLines) tail.shift();
    };
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      // A stderr without newlines must not grow without bound either.
      if (partial.length > 4096) {
        pushLine(partial);
        partial = '';
      }
      lines.forEach(pushLine);
    });
    child.on('error', (error) => {
      spawnError = error;
      ending = 'spawn_error';
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      pushLine(partial);
      resolve({
        ending,
        exitCode: code,
        stdout: Buffer.concat(stdoutChunks),
        stderrTail: tail.join('\n'),
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}

/**
 * Tells long background processes to step aside for a while, the way an AbortSignal tells them to
 * stop. The job queue raises it while a recording is being made playable, so the two cores go to
 * the clip somebody is waiting for rather than to thumbnails of clips that already play.
 */
export class PauseSignal {
  private current = false;
  private readonly listeners = new Set<(paused: boolean) => void>();

  get paused(): boolean {
    return this.current;
  }

  set(paused: boolean): void {
    if (paused === this.current) return;
    this.current = paused;
    for (const listener of [...this.listeners]) listener(paused);
  }

  /** Calls back on every change; returns the unsubscribe. */
  subscribe(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** SIGSTOP/SIGCONT exist on Linux and macOS; Windows has no way to suspend a child from Node. */
export const CAN_PAUSE_PROCESSES = process.platform !== 'win32';

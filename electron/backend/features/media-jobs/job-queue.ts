import type { MediaJob } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import type { EventHub } from '../../event-hub';
import { PauseSignal } from '../../media/pause-signal';
import { describeJob, findJob, isPersonalKind, jobAudience, jobForEvent, nextQueuedJob, requeueInterrupted, setJobProgress, setJobState, type JobRow } from './job-repository';

export interface JobRunContext {
  signal: AbortSignal;
  /** Raised while a recording is being made playable; background work passes it to its processes. */
  pause: PauseSignal;
  onProgress(fraction: number, etaMs: number | null): void;
}

/**
 * Runs one kind of job. Resolves with a function that records the result in the job's completion
 * transaction; that function may return a clean-up to run once the transaction has committed
 * (e.g. removing a file the new result replaces).
 */
export type JobExecutor = (job: JobRow, context: JobRunContext) => Promise<(db: Db) => void | (() => void)>;

/** A failure the user should read: its message is Dutch and says what to do. */
export class JobFailure extends Error {
  constructor(readonly userMessage: string, readonly detail?: string) {
    super(userMessage);
    this.name = 'JobFailure';
  }
}

/**
 * Jobs that make a recording watchable at all. They get a lane of their own next to the ordinary
 * ones, so a newly imported clip never waits behind long background work (a seek-friendly or
 * deinterlaced version of another clip can take as long as the clip itself).
 */
const EXPRESS_KINDS: ReadonlySet<string> = new Set(['playable']);

const PROGRESS_WRITE_MS = 1000;
const PROGRESS_EVENT_MS = 200;

/**
 * The persistent media job queue. The database is the queue: a crash loses nothing, and jobs that
 * were running resume at the next start. One job failing never stops the others.
 */
export class JobQueue {
  private readonly running = new Map<number, { controller: AbortController; kind: string }>();
  private stopping = false;
  private idleWaiters: (() => void)[] = [];
  /**
   * Raised while an express job runs. The express lane alone still left the new clip's proxy
   * sharing two cores with, say, another clip's seek-friendly version; paused, that one waits.
   */
  private readonly backgroundPause = new PauseSignal();
  /** Express jobs never pause: they are what the others step aside for. */
  private readonly neverPaused = new PauseSignal();

  constructor(
    private readonly db: Db,
    private readonly events: EventHub,
    private readonly executors: Record<string, JobExecutor>,
    private readonly concurrency = 1,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    const requeued = requeueInterrupted(this.db, new Date().toISOString());
    if (requeued > 0) this.onError(new Error(`${requeued} interrupted media job(s) queued again`));
    this.wake();
  }

  /** Starts queued jobs while there is room; called after every change that may have queued one. */
  wake(): void {
    if (this.stopping || !this.db.open) return;
    for (;;) {
      // The queue orders express kinds first, so the next queued job is express if any is waiting.
      const job = nextQueuedJob(this.db, [...this.running.keys()]);
      if (!job) break;
      const expressLaneFree = EXPRESS_KINDS.has(job.kind) && ![...this.running.values()].some((running) => EXPRESS_KINDS.has(running.kind));
      if (this.running.size >= this.concurrency && !expressLaneFree) break;
      this.run(job);
    }
    this.updatePause();
    if (this.running.size === 0) this.resolveIdle();
  }

  cancel(id: number): MediaJob | null {
    const running = this.running.get(id);
    if (running) running.controller.abort();
    else {
      const job = findJob(this.db, id);
      if (job && job.status === 'queued') this.finish(id, { status: 'cancelled', error: 'Geannuleerd.' });
    }
    return describeJob(this.db, id);
  }

  retry(id: number): MediaJob | null {
    const job = findJob(this.db, id);
    if (job && (job.status === 'failed' || job.status === 'cancelled')) {
      setJobState(this.db, id, { status: 'queued', progress: 0, error: null }, new Date().toISOString());
      this.publish(id);
      this.wake();
    }
    return describeJob(this.db, id);
  }

  isRunning(id: number): boolean {
    return this.running.has(id);
  }

  /** Resolves when no job is queued or running (tests and shutdown). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && !nextQueuedJob(this.db, [])) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops running jobs without marking them cancelled: they stay `running` and resume at the next start. */
  stop(): void {
    this.stopping = true;
    for (const { controller } of this.running.values()) controller.abort();
  }

  private run(job: JobRow): void {
    const controller = new AbortController();
    this.running.set(job.id, { controller, kind: job.kind });
    setJobState(this.db, job.id, { status: 'running', progress: 0, attempt: true }, new Date().toISOString());
    this.publish(job.id);

    let lastWrite = 0;
    let lastEvent = 0;
    const onProgress = (fraction: number, etaMs: number | null) => {
      const now = Date.now();
      if (this.stopping || !this.db.open) return;
      if (now - lastWrite >= PROGRESS_WRITE_MS) {
        lastWrite = now;
        setJobProgress(this.db, job.id, fraction, etaMs, new Date(now).toISOString());
      }
      if (now - lastEvent >= PROGRESS_EVENT_MS) {
        lastEvent = now;
        const described = describeJob(this.db, job.id);
        if (described) this.events.publish('jobs.changed', { ...jobForEvent(this.withPause(described)), progress: Math.min(1, fraction), etaMs }, jobAudience(job));
      }
    };

    const executor = this.executors[job.kind];
    const work = executor
      ? executor(job, { signal: controller.signal, pause: EXPRESS_KINDS.has(job.kind) ? this.neverPaused : this.backgroundPause, onProgress })
      : Promise.reject(new JobFailure(`Onbekend soort taak: ${job.kind}.`));

    work
      .then(
        (commit) => {
          if (this.stopping || !this.db.open) return;
          const cleanUp = this.db.transaction(() => {
            const after = commit(this.db);
            setJobState(this.db, job.id, { status: 'done', progress: 1, error: null }, new Date().toISOString());
            return after;
          }).immediate();
          if (typeof cleanUp === 'function') cleanUp();
        },
        (error: unknown) => {
          if (this.stopping || !this.db.open) return;
          if (controller.signal.aborted) this.finish(job.id, { status: 'cancelled', error: 'Geannuleerd; er is niets half achtergebleven.' });
          else {
            if (!(error instanceof JobFailure)) this.onError(error);
            const message = error instanceof JobFailure ? error.userMessage : 'De taak is mislukt door een onverwachte fout. Probeer het opnieuw.';
            this.finish(job.id, { status: 'failed', error: message });
          }
        },
      )
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.running.delete(job.id);
        this.updatePause();
        if (this.stopping || !this.db.open) return;
        this.publish(job.id);
        // A media job changes what its recording can play; an export only the lists of jobs and
        // exports (and is heard only by its creator, like its progress), so an export finishing
        // next to an open recording page does not make it reread the recording.
        if (isPersonalKind(job.kind)) this.events.publish('data.changed', { area: 'jobs', id: job.id }, jobAudience(job));
        else this.events.publish('data.changed', { area: 'recordings' });
        this.wake();
      });
  }

  /** Whether background work is paused; also shown with a paused job in the jobs list. */
  get backgroundPaused(): boolean {
    return this.backgroundPause.paused;
  }

  /** The job as the queue sees it now: a running background job is marked while it is paused. */
  withPause(job: MediaJob): MediaJob {
    const running = this.running.get(job.id);
    return { ...job, paused: running !== undefined && !EXPRESS_KINDS.has(running.kind) && this.backgroundPause.paused };
  }

  private updatePause(): void {
    const before = this.backgroundPause.paused;
    this.backgroundPause.set(!this.stopping && [...this.running.values()].some((running) => EXPRESS_KINDS.has(running.kind)));
    if (before === this.backgroundPause.paused || this.stopping || !this.db.open) return;
    // Lists show a paused job as waiting rather than stuck, and as going on again afterwards.
    for (const [id, running] of this.running) if (!EXPRESS_KINDS.has(running.kind)) this.publish(id);
  }

  private finish(id: number, state: { status: 'failed' | 'cancelled'; error: string }): void {
    setJobState(this.db, id, { ...state, etaMs: null }, new Date().toISOString());
    this.publish(id);
  }

  private publish(id: number): void {
    const row = findJob(this.db, id);
    const described = row && describeJob(this.db, id);
    if (row && described) this.events.publish('jobs.changed', jobForEvent(this.withPause(described)), jobAudience(row));
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

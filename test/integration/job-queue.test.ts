import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaJob } from '../../shared/domain/entities';
import { EventHub } from '../../electron/backend/event-hub';
import { JobFailure, JobQueue, type JobExecutor } from '../../electron/backend/features/media-jobs/job-queue';
import { describeJob, findJob, insertJob } from '../../electron/backend/features/media-jobs/job-repository';
import { seedFamily } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

let t: TestBackend;
beforeEach(() => {
  t = startTestBackend();
  // The backend's own queue must not pick up these test jobs.
  t.backend.services.jobs.stop();
});
afterEach(() => t.close());

const now = () => new Date().toISOString();

function queueWith(executors: Record<string, JobExecutor>, events = new EventHub()) {
  const queue = new JobQueue(t.backend.db, events, executors);
  return { queue, events };
}

const waitFor = async (predicate: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('media job queue', () => {
  it('runs jobs in order, records progress and completion, and one failure does not block the rest', async () => {
    const db = t.backend.db;
    const ran: number[] = [];
    const { queue, events } = queueWith({
      ok: async (job, { onProgress }) => {
        onProgress(0.5, 1000);
        ran.push(job.id);
        return (d) => {
          d.prepare(`INSERT INTO settings (key, value) VALUES (?, 'done')`).run(`job-${job.id}`);
        };
      },
      bad: async () => {
        throw new JobFailure('Het bestand is beschadigd.');
      },
      crash: async () => {
        throw new Error('boom');
      },
    });
    const seen: MediaJob[] = [];
    events.subscribe((name, payload) => name === 'jobs.changed' && seen.push(payload as MediaJob));
    const a = insertJob(db, { kind: 'bad' }, now());
    const b = insertJob(db, { kind: 'crash' }, now());
    const c = insertJob(db, { kind: 'ok' }, now());
    queue.start();
    await queue.whenIdle();
    expect(findJob(db, a)).toMatchObject({ status: 'failed', error: 'Het bestand is beschadigd.' });
    expect(findJob(db, b)?.status).toBe('failed');
    expect(findJob(db, b)?.error).toMatch(/onverwachte fout/);
    expect(findJob(db, c)).toMatchObject({ status: 'done', progress: 1 });
    expect(ran).toEqual([c]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get(`job-${c}`)).toEqual({ value: 'done' });
    expect(seen.some((job) => job.id === c && job.status === 'running')).toBe(true);
  });

  it('sends job events without the family code, which only the logged jobs.list answer carries', async () => {
    await withCoordinator(t.api);
    const family = await seedFamily(t.api, 'OB-26-950');
    const { queue, events } = queueWith({ ok: async (_job, { onProgress }) => (onProgress(0.5, 10), () => undefined) });
    const seen: MediaJob[] = [];
    events.subscribe((name, payload) => name === 'jobs.changed' && seen.push(payload as MediaJob));
    const id = insertJob(t.backend.db, { kind: 'ok', familyId: family.id }, now());
    queue.start();
    await queue.whenIdle();
    expect(describeJob(t.backend.db, id)?.familyCode).toBe('OB-26-950');
    expect(seen.filter((job) => job.id === id).map((job) => job.status)).toEqual(expect.arrayContaining(['running', 'done']));
    expect(seen.filter((job) => job.familyCode !== null)).toEqual([]);
  });

  it('a clip waiting for its first playable version does not wait behind long background work', async () => {
    const db = t.backend.db;
    let releaseUpgrade: () => void = () => undefined;
    const order: string[] = [];
    const { queue } = queueWith({
      playable_upgrade: () =>
        new Promise((resolve) => {
          order.push('upgrade started');
          releaseUpgrade = () => resolve(() => void order.push('upgrade done'));
        }),
      playable: async (job) => () => void order.push(`playable ${job.id} done`),
      sprite: async () => () => void order.push('sprite done'),
    });
    insertJob(db, { kind: 'playable_upgrade' }, now());
    queue.start();
    await waitFor(() => order.includes('upgrade started'));
    const sprite = insertJob(db, { kind: 'sprite' }, now());
    const first = insertJob(db, { kind: 'playable' }, now());
    const second = insertJob(db, { kind: 'playable' }, now());
    queue.wake();
    await waitFor(() => findJob(db, second)?.status === 'done');
    // Both playable versions were made while the upgrade ran; the sprite still waits its turn.
    expect(order).toEqual(['upgrade started', `playable ${first} done`, `playable ${second} done`]);
    expect(findJob(db, sprite)?.status).toBe('queued');
    releaseUpgrade();
    await queue.whenIdle();
    expect(order.slice(3)).toEqual(['upgrade done', 'sprite done']);
  });

  it('background work pauses while a playable version is made, and goes on once none is', async () => {
    const db = t.backend.db;
    const releases = new Map<string, () => void>();
    const pauses: Record<string, boolean[]> = { upgrade: [], playable: [] };
    const hold = (name: string) =>
      ((_job, { pause }) =>
        new Promise((resolve) => {
          pauses[name]!.push(pause.paused);
          pause.subscribe((paused) => pauses[name]!.push(paused));
          releases.set(name, () => resolve(() => undefined));
        })) as JobExecutor;
    const { queue, events } = queueWith({ playable_upgrade: hold('upgrade'), playable: hold('playable') });
    const upgradeSeen: boolean[] = [];
    const upgrade = insertJob(db, { kind: 'playable_upgrade' }, now());
    events.subscribe((name, payload) => name === 'jobs.changed' && (payload as MediaJob).id === upgrade && upgradeSeen.push((payload as MediaJob).paused));
    queue.start();
    await waitFor(() => releases.has('upgrade'));
    expect(queue.backgroundPaused).toBe(false);

    insertJob(db, { kind: 'playable' }, now());
    queue.wake();
    await waitFor(() => releases.has('playable'));
    // The upgrade was told to step aside the moment the playable job began; the playable job never is.
    expect(pauses.upgrade).toEqual([false, true]);
    expect(queue.backgroundPaused).toBe(true);
    releases.get('playable')!();
    await waitFor(() => pauses.upgrade!.length === 3);
    expect(pauses.upgrade).toEqual([false, true, false]);
    expect(pauses.playable).toEqual([false]);
    // Lists heard it: the running upgrade was shown paused, then going on.
    expect(upgradeSeen).toEqual([false, true, false]);
    releases.get('upgrade')!();
    await queue.whenIdle();
    expect(queue.backgroundPaused).toBe(false);
  });

  it('requeues jobs that were running when the app died, and resumes them', async () => {
    const db = t.backend.db;
    const id = insertJob(db, { kind: 'ok' }, now());
    db.prepare(`UPDATE media_jobs SET status = 'running', progress = 0.7 WHERE id = ?`).run(id);
    const { queue } = queueWith({ ok: async () => () => undefined });
    queue.start();
    await queue.whenIdle();
    expect(findJob(db, id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('cancels a running job (the executor sees the abort) and retries it', async () => {
    const db = t.backend.db;
    let attempts = 0;
    const { queue } = queueWith({
      slow: (_job, { signal }) =>
        new Promise((resolve, reject) => {
          attempts += 1;
          if (attempts > 1) return resolve(() => undefined);
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const id = insertJob(db, { kind: 'slow' }, now());
    queue.start();
    await waitFor(() => findJob(db, id)?.status === 'running');
    queue.cancel(id);
    await waitFor(() => findJob(db, id)?.status === 'cancelled');
    expect(findJob(db, id)?.error).toMatch(/Geannuleerd/);
    queue.retry(id);
    await queue.whenIdle();
    expect(findJob(db, id)?.status).toBe('done');
  });

  it('a queued job cancels at once; stop() leaves running jobs to resume later', async () => {
    const db = t.backend.db;
    const { queue } = queueWith({ hang: () => new Promise(() => undefined) });
    const first = insertJob(db, { kind: 'hang' }, now());
    const second = insertJob(db, { kind: 'hang' }, now());
    queue.start();
    await waitFor(() => findJob(db, first)?.status === 'running');
    queue.cancel(second);
    expect(findJob(db, second)?.status).toBe('cancelled');
    queue.stop();
    expect(findJob(db, first)?.status).toBe('running');
  });
});

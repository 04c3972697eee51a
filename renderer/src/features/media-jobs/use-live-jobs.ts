import { useEffect, useState } from 'react';
import type { MediaJob } from '../../../../shared/domain/entities';
import { useApi } from '../../api/api-context';

/**
 * Job progress arrives as events several times a second; keep it out of the query cache (which
 * would refetch everything) and merge it over the last fetched list instead. Events carry no
 * family code; the fetched list does (the back end logs that answer).
 */
export function useLiveJobs(initial: readonly MediaJob[] | undefined): MediaJob[] {
  const api = useApi();
  const [live, setLive] = useState<Map<number, MediaJob>>(new Map());
  useEffect(
    () =>
      api.on('jobs.changed', (job) =>
        setLive((current) => {
          const next = new Map(current);
          next.set(job.id, job);
          return next;
        }),
      ),
    [api],
  );
  const merged = new Map<number, MediaJob>();
  for (const job of initial ?? []) merged.set(job.id, job);
  for (const [id, job] of live) {
    const known = merged.get(id);
    // Events carry no family code (only the logged jobs.list does): keep the one we fetched.
    if (!known || job.updatedAt >= known.updatedAt) merged.set(id, { ...job, familyCode: job.familyCode ?? known?.familyCode ?? null });
  }
  return [...merged.values()].sort((a, b) => b.id - a.id);
}

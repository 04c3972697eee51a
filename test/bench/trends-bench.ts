import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi } from '../../shared/api/client';
import { createBackend } from '../../electron/backend/create-backend';
import { seedBulk } from '../fixtures/trends-seed';
import { localClient, signInAs } from '../integration/support/temp-backend';

// A large team: 1,000 families, 20,000 recordings, 100,000 submitted scores, written straight
// into a fresh database. Every figure is a call through the real dispatch (validation, the
// IMMEDIATE transaction, the access log), in milliseconds, median of several runs.
// Targets: team_overview_ms ≤ 50, family_trend_ms ≤ 10, xlsx_export_ms ≤ 5000.

const FAMILIES = 1000;
const RECORDINGS = 20_000;
const SCORES = 100_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function runTrendsBench(print: (name: string, value: number) => void): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'afstemming-trends-bench-'));
  const backend = createBackend({
    dataDir,
    migrationsDir: resolve(import.meta.dirname, '../../migrations'),
    appVersion: 'bench',
    runJobs: false,
    onInternalError: (method, error) => console.error(method, error),
  });
  try {
    const seedStart = performance.now();
    const { raterIds, familyIds } = seedBulk(backend.db, { families: FAMILIES, recordings: RECORDINGS, scores: SCORES });
    print('seed_ms', performance.now() - seedStart);
    const api = localClient(backend).api;
    await signInAs(api, raterIds[0]!);

    // The first call builds the in-memory index of the whole team.
    print('team_overview_cold_ms', await timed(() => api.call('trends.team', {})));
    // Warm index, but a new question each time (a period that still covers every recording), so
    // the overview is computed again rather than taken from the remembered answers.
    const warm: number[] = [];
    for (let run = 0; run < 9; run++) warm.push(await timed(() => api.call('trends.team', { filters: { from: `2020-01-${String(run + 1).padStart(2, '0')}` } })));
    print('team_overview_ms', median(warm));
    // The same question again (back to the page, or back to earlier filters): a remembered answer.
    const repeat: number[] = [];
    for (let run = 0; run < 9; run++) repeat.push(await timed(() => api.call('trends.team', {})));
    print('team_overview_repeat_ms', median(repeat));

    // After a consensus changes: the index refreshes one recording, the overview is computed
    // again and so is the bootstrap (its inputs changed).
    const item = backend.db.prepare('SELECT round_id, recording_id, caregiver_id, scale, consensus_value FROM round_items WHERE consensus_value IS NOT NULL LIMIT 1').get() as {
      round_id: number;
      recording_id: number;
      caregiver_id: number;
      scale: string;
      consensus_value: number;
    };
    const setConsensus = backend.db.prepare('UPDATE round_items SET consensus_value = ? WHERE round_id = ? AND recording_id = ? AND caregiver_id = ? AND scale = ?');
    const changed: number[] = [];
    for (let run = 0; run < 5; run++) {
      setConsensus.run(1 + ((item.consensus_value + run) % 9), item.round_id, item.recording_id, item.caregiver_id, item.scale);
      changed.push(await timed(() => api.call('trends.team', {})));
    }
    print('team_overview_after_change_ms', median(changed));
    const filtered: number[] = [];
    for (let run = 0; run < 5; run++) filtered.push(await timed(() => api.call('trends.team', { filters: { caregiverRole: 'moeder', from: `2025-01-0${run + 1}` } })));
    print('team_overview_filtered_ms', median(filtered));

    const family: number[] = [];
    for (let run = 0; run < 15; run++) family.push(await timed(() => api.call('trends.family', { familyId: familyIds[(run * 67) % familyIds.length]! })));
    print('family_trend_ms', median(family));

    const csv: number[] = [];
    for (let run = 0; run < 3; run++) csv.push(await timed(() => api.call('trends.exportCsv', { dialect: 'semicolon' })));
    print('csv_export_ms', median(csv));

    const xlsx: number[] = [];
    let bytes = 0;
    for (let run = 0; run < 3; run++) {
      xlsx.push(
        await timed(async () => {
          const file = await api.call('trends.exportXlsx', {});
          bytes = Math.round((file.base64.length * 3) / 4);
        }),
      );
    }
    print('xlsx_export_ms', median(xlsx));
    print('xlsx_export_bytes', bytes);

    print('family_pdf_ms', median([await timed(() => api.call('trends.exportFamilyPdf', { familyId: familyIds[0]! })), await timed(() => api.call('trends.exportFamilyPdf', { familyId: familyIds[1]! }))]));
    print('team_pdf_ms', await timed(() => api.call('trends.exportTeamPdf', {})));
  } finally {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

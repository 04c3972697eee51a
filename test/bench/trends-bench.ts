import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../../electron/backend/create-backend';
import { seedBulk } from '../fixtures/trends-seed';
import { localClient, signInAs } from '../integration/support/temp-backend';

// A large team: 1,000 families, 20,000 recordings, 100,000 submitted scores, written straight
// into a fresh database. Every figure is a call through the real dispatch (validation, the
// IMMEDIATE transaction, the access log), in milliseconds, median of several runs.
// Targets: team_overview_ms ≤ 50, team_overview_after_change_ms ≤ 50 (bootstrap included),
// family_trend_ms ≤ 10, xlsx_export_ms ≤ 5000.

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

    // After a consensus changes (through the meeting's own call, as the coordinator): the index
    // refreshes one recording, the overview is computed again and so is the bootstrap of the mean
    // change (its inputs changed). The item is one whose change the overview must show, and each
    // run checks that it did, so the figure never times a remembered answer.
    const item = backend.db
      .prepare(
        `SELECT ri.round_id, ri.recording_id, ri.caregiver_id, ri.scale, ri.consensus_value FROM round_items ri
         JOIN recordings r ON r.id = ri.recording_id
         WHERE ri.consensus_value IS NOT NULL AND r.moment = 'voormeting' ORDER BY ri.round_id, ri.recording_id LIMIT 1`,
      )
      .get() as { round_id: number; recording_id: number; caregiver_id: number; scale: 'sensitivity' | 'cooperation'; consensus_value: number };
    const changed: number[] = [];
    let before = JSON.stringify((await api.call('trends.team', {})).changes);
    for (let run = 0; run < 7; run++) {
      const value = 1 + ((item.consensus_value + run) % 9);
      await api.call('rounds.setConsensus', { roundId: item.round_id, recordingId: item.recording_id, caregiverId: item.caregiver_id, scale: item.scale, value });
      let overview: Awaited<ReturnType<typeof api.call<'trends.team'>>> | undefined;
      changed.push(await timed(async () => (overview = await api.call('trends.team', {}))));
      const after = JSON.stringify(overview!.changes);
      if (after === before) throw new Error('team_overview_after_change_ms: de consensuswijziging veranderde het overzicht niet');
      before = after;
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

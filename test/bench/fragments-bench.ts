import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { insertFragment, saveAnswers, setFragmentTags } from '../../electron/backend/features/fragments/fragment-repository';
import { msToFrame } from '../../shared/domain/frames';
import { seedFamily, seedRecording } from '../integration/support/seed';
import { createRater, startTestBackend, withCoordinator } from '../integration/support/temp-backend';

// A busy recording: 2,000 fragments by 6 raters on a 15-minute clip at 30000/1001 fps, each with
// one to three tags, a note, and for some an answer. Measured: the export method through dispatch
// (validation, the blindness-filtered query, the file), as the UI calls it. Target: ≤ 200 ms each.

const FRAGMENTS = 2000;
const RATERS = 6;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function runFragmentsBench(print: (name: string, value: number) => void): Promise<void> {
  const t = startTestBackend();
  try {
    const coordinator = await withCoordinator(t.api);
    const raters = [coordinator];
    for (let n = 1; n < RATERS; n++) raters.push(await createRater(t.api, { name: `Beoordelaar ${n}`, initials: `B${n}`, role: 'rater' }));
    const family = await seedFamily(t.api, 'OB-26-BENCH', [
      { role: 'moeder', label: 'moeder' },
      { role: 'vader', label: 'vader' },
    ]);
    const durationMs = 15 * 60 * 1000;
    const rate = { num: 30000, den: 1001 };
    const recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: family.caregivers.map((c) => c.id), fps: [rate.num, rate.den], durationMs });
    const tags = await t.api.call('tags.list', {});
    const questions = await t.api.call('questions.list', {});

    // Seeded through the repository in one transaction: 2,000 API calls would time the seeding, not the export.
    const db = t.backend.db;
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < FRAGMENTS; i++) {
        const startMs = Math.floor((i * durationMs) / FRAGMENTS);
        const endMs = i % 7 === 0 ? startMs : Math.min(durationMs, startMs + 1500 + (i % 11) * 700);
        const id = insertFragment(
          db,
          {
            recordingId,
            raterId: raters[i % RATERS]!.id,
            caregiverId: i % 5 === 0 ? null : family.caregivers[i % 2]!.id,
            startMs,
            endMs,
            startFrame: msToFrame(startMs, rate),
            endFrame: msToFrame(endMs, rate),
            note: i % 3 === 0 ? '' : `Fragment ${i}: moeder reageert op het signaal, "baby" kalmeert; daarna\nspel.`,
            forFeedback: i % 9 === 0,
            origin: 'app',
          },
          now,
        );
        setFragmentTags(db, id, [tags[i % tags.length]!.id, ...(i % 4 === 0 ? [tags[(i + 3) % tags.length]!.id] : [])]);
        if (i % 6 === 0) saveAnswers(db, id, [{ questionId: questions[0]!.id, answer: 'Een tevreden baby.' }]);
      }
    })();

    for (const [name, format] of [
      ['export_csv_ms', 'csv'],
      ['export_eaf_ms', 'eaf'],
    ] as const) {
      const timings: number[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const started = performance.now();
        const envelope = await t.dispatch('fragments.export', { recordingId, format });
        const elapsed = performance.now() - started;
        if (!envelope.ok || (envelope.value as { count: number }).count !== FRAGMENTS) throw new Error(`${format} export failed: ${JSON.stringify(envelope).slice(0, 300)}`);
        // The first run warms prepared statements and the JIT; the figure is the steady state.
        if (run > 0) timings.push(elapsed);
      }
      print(name, median(timings));
    }
  } finally {
    t.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runFragmentsBench((name, value) => console.log(`${name}: ${value.toFixed(1)}`));
}

/**
 * Child process for the durability test: opens the real back end and creates families one by one,
 * printing "ok <code>" only after dispatch has confirmed each commit. The parent kills it with
 * SIGKILL at a random moment.
 */
import { createBackend } from '../../../electron/backend/create-backend';
import { createRater, localClient, MIGRATIONS_DIR, signInAs, TEST_SECRET_COST } from './temp-backend';

const [dataDir, startAt] = process.argv.slice(2) as [string, string];
const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: 'crash-test', secretCost: TEST_SECRET_COST });
const api = localClient(backend).api;

const session = await api.call('session.get', {});
if (!session.rater) {
  const rater = session.needsFirstRater
    ? await createRater(api, { name: 'Crash', initials: 'CR', role: 'coordinator' })
    : (await api.call('raters.list', {}))[0]!;
  await signInAs(api, rater.id);
}
process.stdout.write('ready\n');
for (let n = Number(startAt); ; n += 1) {
  const code = `K-${n}`;
  const family = await api.call('families.create', {
    code,
    babyBirthMonth: '2026-01',
    referralDate: '2026-02-01',
    caregivers: [{ role: 'moeder', label: 'moeder' }],
  });
  await api.call('visits.add', { familyId: family.id, date: '2026-03-01', phase: 'introductie', notes: code });
  process.stdout.write(`ok ${code}\n`);
}

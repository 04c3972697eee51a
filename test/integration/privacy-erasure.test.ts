import { createReadStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { Family } from '../../shared/domain/entities';
import { makeClip } from '../fixtures/clips';
import { refused } from './support/fragment-world';
import { startTestBackend, withCoordinator, type TestBackend, signInAs, createRater } from './support/temp-backend';

const MARKER = 'ZZMARKERQX7';

let t: TestBackend;
beforeEach(async () => {
  t = startTestBackend();
  await withCoordinator(t.api);
});
afterEach(() => t.close());

async function family(code: string, label: string): Promise<Family> {
  const f = await t.api.call('families.create', { code, babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [{ role: 'moeder', label }] });
  await t.api.call('visits.add', { familyId: f.id, date: '2026-03-01', phase: 'introductie' });
  return t.api.call('families.get', { id: f.id });
}

async function importInto(f: Family, path: string) {
  const upload = await t.backend.media.receiveUpload(createReadStream(path), encodeURIComponent(basename(path)), t.caller);
  if (!upload.ok) throw new ApiError(upload.error);
  return t.api.call('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: f.id,
    visitId: f.visits[0]!.id,
    caregiverIds: [f.caregivers[0]!.id],
    activity: 'bad',
    moment: 'voormeting',
    recordedOn: '2026-03-01',
  });
}

const libraryFiles = () =>
  ['originals', 'derived'].flatMap((dir) => readdirSync(join(t.dataDir, 'library', dir)).map((name) => `${dir}/${name}`)).sort();

/** Every row in every table that mentions one of the family's ids, except the legal record (access log, erasure register). */
function rowsReferring(familyId: number, recordingIds: number[], caregiverIds: number[], shas: string[]): string[] {
  const db = t.backend.db;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
  const found: string[] = [];
  for (const table of tables) {
    if (table === 'access_log' || table === 'erasures' || table === 'access_log_chain' || table === 'access_log_mac') continue;
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const checks: [string, unknown[]][] = [];
    if (columns.includes('family_id')) checks.push(['family_id', [familyId]]);
    if (table === 'families') checks.push(['id', [familyId]]);
    if (table === 'recordings') checks.push(['id', recordingIds]);
    if (table === 'caregivers') checks.push(['id', caregiverIds]);
    if (columns.includes('recording_id')) checks.push(['recording_id', recordingIds]);
    if (columns.includes('caregiver_id')) checks.push(['caregiver_id', caregiverIds]);
    if (columns.includes('media_sha256')) checks.push(['media_sha256', shas]);
    if (table === 'media_files') checks.push(['sha256', shas]);
    for (const [column, values] of checks) {
      if (values.length === 0) continue;
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} IN (${values.map(() => '?').join(',')})`).get(...values) as { n: number }).n;
      if (n > 0) found.push(`${table}.${column}: ${n}`);
    }
    // Free text anywhere (notes, labels, rationales, discussions, params) must not hold the marker.
    for (const column of columns) {
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE CAST(${column} AS TEXT) LIKE ?`).get(`%${MARKER}%`) as { n: number }).n;
      if (n > 0) found.push(`${table}.${column} holds the marker`);
    }
  }
  return found;
}

const rawBytesHold = (text: string) =>
  ['afstemming.sqlite', 'afstemming.sqlite-wal'].some((name) => {
    const path = join(t.dataDir, name);
    return existsSync(path) && readFileSync(path).includes(Buffer.from(text, 'utf8'));
  });

describe('families.erase', () => {
  it('removes every row and file of one family, keeps a shared video for the other, and leaves no trace in the database files', async () => {
    const shared = await makeClip({ durationS: 2, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const own = await makeClip({ durationS: 3, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const a = await family('OB-26-701', `moeder ${MARKER}`);
    const b = await family('OB-26-702', 'moeder');
    await t.api.call('families.update', { id: a.id, notes: `notitie ${MARKER}` });
    await t.api.call('visits.update', { id: a.visits[0]!.id, notes: `bezoek ${MARKER}` });
    // The visit as logged: who was there (a caregiver row that cascades), others and an answer.
    await t.api.call('visits.update', { id: a.visits[0]!.id, othersPresent: `oma ${MARKER}`, activityNote: MARKER, durationMinutes: 60 });
    await t.api.call('visits.setPresent', { id: a.visits[0]!.id, caregiverId: a.caregivers[0]!.id, present: true });
    const [visitQuestion] = await t.api.call('visitQuestions.list', {});
    await t.api.call('visits.answer', { id: a.visits[0]!.id, questionId: visitQuestion!.id, text: `antwoord ${MARKER}` });
    await t.api.call('visits.answer', { id: b.visits[0]!.id, questionId: visitQuestion!.id, text: 'ander gezin' });
    // The dossier: a phase with its date, the aanmelding with an overridden contra-indication, and
    // the logbook with an agreement: every part of it must go too (the sweep below checks family_id
    // and the marker in every column of every table).
    await t.api.call('dossier.updateIntake', { familyId: a.id, referrer: `verwijzer ${MARKER}`, indication: 'anders', indicationNote: MARKER, highStress: true, highStressNote: MARKER });
    await t.api.call('dossier.overrideContraIndication', { familyId: a.id, reason: `reden ${MARKER}` });
    await t.api.call('dossier.startPhase', { familyId: a.id, phase: 'introductie', date: '2026-02-15' });
    await t.api.call('dossier.addEntry', { familyId: a.id, date: '2026-03-01', text: `afspraak ${MARKER}`, agreement: true });
    await t.api.call('dossier.addEntry', { familyId: b.id, date: '2026-03-01', text: 'ander gezin' });
    const recShared = await importInto(a, shared);
    const recOwn = await importInto(a, own);
    const recB = await importInto(b, shared);
    await t.backend.services.jobs.whenIdle();
    const filesBefore = libraryFiles();

    // Fragments, scores, positions, a meeting with discussion and consensus, and a finished export.
    const caregiverId = a.caregivers[0]!.id;
    const fragment = await t.api.call('fragments.create', { recordingId: recOwn.id, startMs: 100, endMs: 900, tagIds: [1], note: `fragment ${MARKER}` });
    // The visit's video feedback: a caption and the parents' words go with the family too.
    const session = await t.api.call('feedbackSessions.addItem', { visitId: a.visits[0]!.id, fragmentId: fragment.id, caption: `samen ${MARKER}` });
    await t.api.call('feedbackSessions.saveWords', { itemId: session.items[0]!.id, questionId: 1, words: `woorden ${MARKER}` });
    await t.api.call('scoring.saveScore', { recordingId: recOwn.id, roundId: null, caregiverId, scale: 'sensitivity', value: 5, rationale: `onderbouwing ${MARKER}` });
    await t.api.call('recordings.savePosition', { id: recShared.id, positionMs: 500 });
    // Guidance goals linked to that fragment and score, with a status change and an evaluation,
    // and the parents' evaluation form with a scale and an open answer; b keeps its own.
    await t.api.call('scoring.saveScore', { recordingId: recOwn.id, roundId: null, caregiverId, scale: 'cooperation', value: 4, rationale: '' });
    await t.api.call('scoring.submit', { recordingId: recOwn.id, roundId: null });
    const goalOptions = (await t.api.call('goals.forFamily', { familyId: a.id })).options;
    const goal = await t.api.call('goals.create', { familyId: a.id, text: `doel ${MARKER}`, date: '2026-03-02' });
    for (const option of goalOptions) await t.api.call('goals.link', { id: goal.id, target: option.target });
    await t.api.call('goals.setStatus', { id: goal.id, status: 'bereikt', date: '2026-03-03' });
    await t.api.call('dossier.startPhase', { familyId: a.id, phase: 'begeleiding', date: '2026-03-04' });
    await t.api.call('dossier.startPhase', { familyId: a.id, phase: 'evaluatie', date: '2026-03-05' });
    await t.api.call('goals.evaluate', { id: goal.id, evaluation: `evaluatie ${MARKER}` });
    await t.api.call('goals.create', { familyId: b.id, text: 'doel van b', date: '2026-03-02' });
    const [scaleQuestion, openQuestion] = ['scale', 'open'].map((kind) => t.backend.db.prepare('SELECT id FROM evaluation_questions WHERE kind = ? ORDER BY position LIMIT 1').get(kind) as { id: number });
    await t.api.call('evaluation.answer', { familyId: a.id, questionId: scaleQuestion!.id, value: 5 });
    await t.api.call('evaluation.answer', { familyId: a.id, questionId: openQuestion!.id, text: `antwoord ${MARKER}` });
    await t.api.call('evaluation.answer', { familyId: b.id, questionId: scaleQuestion!.id, value: 3 });
    const db = t.backend.db;
    expect(db.prepare('SELECT kind FROM goal_links ORDER BY kind').all()).toEqual([{ kind: 'fragment' }, { kind: 'score' }, { kind: 'score' }]);
    const now = new Date().toISOString();
    const roundId = Number(db.prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, created_at) VALUES ('Intervisie', '2026-03-10', 'meeting', 'coordinator', ?)`).run(now).lastInsertRowid);
    db.prepare('INSERT INTO round_recordings (round_id, recording_id) VALUES (?, ?), (?, ?)').run(roundId, recOwn.id, roundId, recB.id);
    db.prepare(`INSERT INTO round_items (round_id, recording_id, caregiver_id, scale, discussion, consensus_value, updated_at) VALUES (?, ?, ?, 'sensitivity', ?, 6, ?)`).run(
      roundId,
      recOwn.id,
      caregiverId,
      `discussie ${MARKER}`,
      now,
    );
    const raterId = (db.prepare('SELECT id FROM raters LIMIT 1').get() as { id: number }).id;
    db.prepare(`INSERT INTO consensus_agreements (round_id, recording_id, caregiver_id, scale, rater_id) VALUES (?, ?, ?, 'sensitivity', ?)`).run(roundId, recOwn.id, caregiverId, raterId);
    const jobId = Number(
      db.prepare(`INSERT INTO media_jobs (kind, status, recording_id, family_id, params_json, progress, created_at, updated_at) VALUES ('reel', 'done', ?, ?, ?, 1, ?, ?)`).run(
        recOwn.id,
        a.id,
        JSON.stringify({ fileName: `OB-26-701_${MARKER}.mp4`, fragmentIds: [], windows: [] }),
        now,
        now,
      ).lastInsertRowid,
    );
    db.prepare('UPDATE media_jobs SET output_file = ? WHERE id = ?').run(`export-${jobId}.mp4`, jobId);
    writeFileSync(join(t.dataDir, 'library', 'derived', `export-${jobId}.mp4`), 'fake export');
    db.pragma('wal_checkpoint(PASSIVE)');
    expect(rawBytesHold(MARKER)).toBe(true);

    // A wrong code changes nothing; a rater who is not a coordinator may not erase.
    const wrong = await refused(t.api.call('families.erase', { id: a.id, confirmCode: 'OB-26-702' }));
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.message).toMatch(/niets verwijderd/);
    const rater = await createRater(t.api, { name: 'Bea', initials: 'B', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refused(t.api.call('families.erase', { id: a.id, confirmCode: 'OB-26-701' }))).code).toBe('forbidden');
    await signInAs(t.api, raterId);
    expect(libraryFiles()).toEqual([...filesBefore, `derived/export-${jobId}.mp4`].sort());

    const logRowsBefore = (db.prepare('SELECT count(*) AS n FROM access_log WHERE family_id = ?').get(a.id) as { n: number }).n;
    const result = await t.api.call('families.erase', { id: a.id, confirmCode: 'ob-26-701 ' });
    expect(result).toMatchObject({ erased: true, familyCode: 'OB-26-701' });

    // Rows: nothing refers to the family any more, in any table.
    expect(rowsReferring(a.id, [recShared.id, recOwn.id], [caregiverId], [])).toEqual([]);
    expect(await refused(t.api.call('families.get', { id: a.id }))).toMatchObject({ code: 'not_found' });

    // The log keeps its earlier rows and gets exactly one erasure row; the code is kept nowhere in
    // clear (log, erasures table, erasures.jsonl), only as its keyed hash, and the chain still holds.
    const erasureRows = db.prepare(`SELECT family_code, detail FROM access_log WHERE action = 'family.erase' AND outcome = 'ok'`).all() as { family_code: string; detail: string }[];
    expect(erasureRows).toEqual([{ family_code: expect.stringMatching(/^gewist:[0-9a-f]{32}$/), detail: 'gezin definitief verwijderd' }]);
    const ref = erasureRows[0]!.family_code;
    expect((db.prepare('SELECT count(*) AS n FROM access_log WHERE family_id = ?').get(a.id) as { n: number }).n).toBe(logRowsBefore + 1);
    expect(db.prepare('SELECT DISTINCT family_code FROM access_log WHERE family_id = ?').all(a.id)).toEqual([{ family_code: ref }]);
    expect(db.prepare(`SELECT count(*) AS n FROM access_log WHERE family_code = 'OB-26-701' OR detail LIKE '%OB-26-701%'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT family_code FROM erasures').all()).toEqual([{ family_code: ref }]);
    const register = readFileSync(join(t.dataDir, 'erasures.jsonl'), 'utf8');
    expect(register).not.toContain('OB-26-701');
    expect(JSON.parse(register)).toMatchObject({ familyId: a.id, familyCodeRef: ref });
    expect(await t.api.call('accessLog.verify', {})).toMatchObject({ ok: true });

    // Files: the family's own video, its derived files and the export are gone; the shared video stays.
    const after = libraryFiles();
    expect(after).not.toContain(`derived/export-${jobId}.mp4`);
    const sharedRow = db.prepare('SELECT file_name FROM media_files').all() as { file_name: string }[];
    expect(sharedRow).toHaveLength(1);
    expect(after).toContain(`originals/${sharedRow[0]!.file_name}`);
    expect(after.filter((f) => f.startsWith('originals/'))).toHaveLength(1);
    const derivedOfShared = (db.prepare('SELECT file_name FROM media_derivatives').all() as { file_name: string }[]).map((r) => r.file_name);
    for (const name of derivedOfShared) expect(after).toContain(`derived/${name}`);
    expect(after.filter((f) => f.startsWith('derived/')).length).toBeLessThan(filesBefore.filter((f) => f.startsWith('derived/')).length);

    // Nothing of the dossier is left, by family or at all (b's entry stays).
    for (const table of ['family_phases', 'family_intakes', 'logbook_entries', 'feedback_items', 'feedback_words']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table} WHERE family_id = ?`).get(a.id), table).toEqual({ n: 0 });
    }
    expect(db.prepare('SELECT family_id FROM logbook_entries').all()).toEqual([{ family_id: b.id }]);
    // The visits' presence and answers went with the visits; b's answer stays.
    expect(db.prepare('SELECT count(*) AS n FROM visit_caregivers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT visit_id FROM visit_answers').all()).toEqual([{ visit_id: b.visits[0]!.id }]);
    // Goals with their history and links, and the evaluation form with its answers, went too (b's stay).
    expect(db.prepare('SELECT family_id FROM goals').all()).toEqual([{ family_id: b.id }]);
    expect(db.prepare('SELECT count(*) AS n FROM goal_status_events e JOIN goals g ON g.id = e.goal_id').get()).toEqual(db.prepare('SELECT count(*) AS n FROM goal_status_events').get());
    expect(db.prepare('SELECT count(*) AS n FROM goal_links').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT family_id FROM evaluation_forms').all()).toEqual([{ family_id: b.id }]);
    expect(db.prepare('SELECT value FROM evaluation_answers').all()).toEqual([{ value: 3 }]);

    // The other family is untouched and still plays the shared video.
    expect((await t.api.call('families.get', { id: b.id })).caregivers).toHaveLength(1);
    expect((await t.api.call('recordings.list', { familyId: b.id })).map((r) => r.id)).toEqual([recB.id]);
    const res = await t.backend.media.serveMedia(new Request(`http://x/media/${recB.id}`, { headers: { range: 'bytes=0-99' } }), t.caller);
    expect(res.status).toBe(206);
    expect(db.prepare('SELECT count(*) AS n FROM round_recordings WHERE recording_id = ?').get(recB.id)).toEqual({ n: 1 });

    // secure_delete + checkpoint: the marker and the code are in neither the database file nor the WAL.
    expect(rawBytesHold(MARKER)).toBe(false);
    expect(rawBytesHold('OB-26-701')).toBe(false);
  });

  it('leaves no free-text trace of the family in the access log rows it keeps', async () => {
    const a = await family('OB-26-703', `vader ${MARKER}`);
    await t.api.call('families.update', { id: a.id, notes: MARKER });
    await t.api.call('caregivers.update', { id: a.caregivers[0]!.id, label: `ander ${MARKER}` });
    await t.api.call('dossier.updateIntake', { familyId: a.id, referrer: MARKER, unsafe: true, unsafeNote: MARKER });
    await t.api.call('dossier.overrideContraIndication', { familyId: a.id, reason: MARKER });
    const entry = await t.api.call('dossier.addEntry', { familyId: a.id, date: '2026-03-01', text: MARKER, agreement: true });
    await t.api.call('dossier.updateEntry', { id: entry.id, text: `${MARKER} 2`, agreement: 'nagekomen' });
    await t.api.call('families.erase', { id: a.id, confirmCode: 'OB-26-703' });
    const details = t.backend.db.prepare('SELECT detail FROM access_log').all() as { detail: string }[];
    expect(details.filter((d) => d.detail.includes(MARKER))).toEqual([]);
    expect(rawBytesHold(MARKER)).toBe(false);
  });
});

import { rmSync } from 'node:fs';
import type { Db } from '../../db/open-database';
import type { MediaLibrary } from '../../media-library';
import { appendAccess } from '../access-log/access-log-repository';
import { mediaFilesOf, mediaStillUsed } from '../recordings/recording-repository';
import { exportOutputName, isExportKind } from '../video-exports/video-export-repository';
import type { Rater } from '../../../../shared/domain/entities';
import { logKeyOf } from './log-chain';
import { familyCodeRef, type LogKey } from './log-key';

export interface ErasurePlan {
  familyCode: string;
  /** The keyed hash that replaces the code in the log and the register (log-key.ts). */
  familyCodeRef: string;
  /** Absolute paths to remove after the commit. */
  files: string[];
  /** Jobs that may still be running for the family; cancelled after the commit. */
  jobIds: number[];
}

/**
 * Replaces a family's code by its keyed hash in its access-log rows up to `upTo` (the erasure):
 * in family_code and wherever the detail names it, every code it had (a code can be changed).
 * Exactly the change migration 0010's trigger allows and canonicalRow already assumes, so every
 * row keeps its link in the chain. Rows after `upTo` with a reused id belong to another family.
 */
export function pseudonymiseFamilyLog(db: Db, key: LogKey, familyId: number, upTo: string): number {
  const codes = db
    .prepare(`SELECT DISTINCT family_code AS code FROM access_log WHERE family_id = ? AND at <= ? AND family_code IS NOT NULL AND family_code NOT GLOB 'gewist:*'`)
    .all(familyId, upTo) as { code: string }[];
  const update = db.prepare(
    `UPDATE access_log SET family_code = @ref, detail = replace(detail, @code, @ref) WHERE family_id = @familyId AND family_code = @code AND at <= @upTo`,
  );
  let changed = 0;
  for (const { code } of codes) changed += update.run({ ref: familyCodeRef(key, code), code, familyId, upTo }).changes;
  return changed;
}

const ids = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as { id: number }[]).map((row) => row.id);
const inList = (values: readonly unknown[]) => values.map(() => '?').join(', ') || 'NULL';

/**
 * Deletes every row about one family, in an order the foreign keys accept, inside the caller's
 * transaction, and writes the one access-log row that records it. Files are only listed: they
 * are removed after the commit (removeErasedFiles), so a rollback never leaves rows without files.
 * A media file that a recording of another family still uses is kept with its derived files.
 */
export function eraseFamilyRows(db: Db, library: MediaLibrary, input: { familyId: number; at: string; actor: Rater | null; reason?: string }): ErasurePlan | null {
  const family = db.prepare('SELECT code FROM families WHERE id = ?').get(input.familyId) as { code: string } | undefined;
  if (!family) return null;
  const { familyId } = input;
  const recordingIds = ids(db, 'SELECT id FROM recordings WHERE family_id = ?', familyId);
  const caregiverIds = ids(db, 'SELECT id FROM caregivers WHERE family_id = ?', familyId);
  const shas = (db.prepare('SELECT DISTINCT media_sha256 AS sha FROM recordings WHERE family_id = ?').all(familyId) as { sha: string }[]).map((r) => r.sha);

  // Exports (fragment clips, reels) and other jobs made for this family: by family or by recording.
  const jobs = db
    .prepare(`SELECT id, kind, output_file FROM media_jobs WHERE family_id = ? OR recording_id IN (${inList(recordingIds)})`)
    .all(familyId, ...recordingIds) as { id: number; kind: string; output_file: string | null }[];
  const files = new Set<string>();
  // Only exports have an output file of their own; playable/sprite/peaks belong to the media file (handled below).
  const exportJobs = jobs.filter((job) => isExportKind(job.kind));
  for (const job of exportJobs) {
    if (job.output_file) files.add(library.derived(job.output_file));
    // A job still running may write its file after we looked; the name is fixed by its id.
    files.add(library.derived(exportOutputName(job.id)));
  }
  const jobIds = exportJobs.map((job) => job.id);
  const allJobIds = jobs.map((job) => job.id);

  db.prepare(`DELETE FROM media_jobs WHERE id IN (${inList(allJobIds)})`).run(...allJobIds);
  // Children first (several references have no ON DELETE CASCADE or are RESTRICT).
  // The visits' video feedback: the parents' words and the captions (they name family_id themselves).
  db.prepare('DELETE FROM feedback_words WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM feedback_items WHERE family_id = ?').run(familyId);
  db.prepare(`DELETE FROM fragments WHERE recording_id IN (${inList(recordingIds)}) OR caregiver_id IN (${inList(caregiverIds)})`).run(
    ...recordingIds,
    ...caregiverIds,
  );
  db.prepare(`DELETE FROM consensus_agreements WHERE recording_id IN (${inList(recordingIds)}) OR caregiver_id IN (${inList(caregiverIds)})`).run(
    ...recordingIds,
    ...caregiverIds,
  );
  db.prepare(`DELETE FROM round_items WHERE recording_id IN (${inList(recordingIds)}) OR caregiver_id IN (${inList(caregiverIds)})`).run(
    ...recordingIds,
    ...caregiverIds,
  );
  db.prepare(`DELETE FROM scores WHERE caregiver_id IN (${inList(caregiverIds)})`).run(...caregiverIds);
  db.prepare(`DELETE FROM score_sheets WHERE recording_id IN (${inList(recordingIds)})`).run(...recordingIds);
  // recording_caregivers, playback_positions and round_recordings follow their recording by cascade.
  db.prepare('DELETE FROM recordings WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM visits WHERE family_id = ?').run(familyId);
  // The dossier: phases, the aanmelding (with an override's reason) and the logbook.
  db.prepare('DELETE FROM logbook_entries WHERE family_id = ?').run(familyId);
  // Guidance goals (their history and links follow by cascade) and the parents' evaluation form with its answers.
  db.prepare('DELETE FROM goals WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM evaluation_forms WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM family_intakes WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM family_phases WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM caregivers WHERE family_id = ?').run(familyId);
  db.prepare('DELETE FROM families WHERE id = ?').run(familyId);

  for (const sha of shas) {
    if (mediaStillUsed(db, sha)) continue;
    const media = mediaFilesOf(db, sha);
    if (media.original) files.add(library.original(media.original));
    for (const name of media.derived) files.add(library.derived(name));
    jobIds.push(...ids(db, `SELECT id FROM media_jobs WHERE media_sha256 = ? AND status IN ('queued', 'running')`, sha));
    // Cascades to media_derivatives and the media's jobs (proxy, sprite, peaks).
    db.prepare('DELETE FROM media_files WHERE sha256 = ?').run(sha);
  }

  // The family's earlier log rows stay (the legal record), with its code replaced by the keyed
  // hash: the register and the log recognise the family again, nobody can read its code back.
  const key = logKeyOf(db);
  const ref = familyCodeRef(key, family.code);
  pseudonymiseFamilyLog(db, key, familyId, input.at);
  db.prepare('INSERT INTO erasures (family_id, family_code, erased_at, erased_by) VALUES (?, ?, ?, ?)').run(familyId, ref, input.at, input.actor?.id ?? null);
  appendAccess(db, {
    at: input.at,
    rater: input.actor,
    familyId,
    familyCode: ref,
    action: 'family.erase',
    outcome: 'ok',
    detail: `gezin definitief verwijderd${input.reason ? ` (${input.reason})` : ''}`,
  });
  return { familyCode: family.code, familyCodeRef: ref, files: [...files], jobIds };
}

export function removeErasedFiles(plan: ErasurePlan): void {
  for (const path of plan.files) rmSync(path, { force: true });
}

/**
 * Pushes the freed pages (already zeroed by secure_delete) from the WAL into the database file
 * and empties the WAL, so no copy of the erased rows is left in either file.
 */
export function checkpointAfterErasure(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

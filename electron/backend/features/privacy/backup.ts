import { createHash } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, open, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BackupCheck, BackupSummary } from '../../../../shared/api/areas/privacy-methods';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Db } from '../../db/open-database';
import type { MediaLibrary } from '../../media-library';
import { chainHead, logKeyOf } from './log-chain';
import { checkSignedPoint, LOG_ANCHOR_FILE, signPoint, type SignedPoint } from './log-anchor';
import { LOG_KEY_FILE, readLogKeyFile } from './log-key';
import { writeFileDurably } from './durable-file';
import { ERASURE_REGISTER_FILE, appendErasureRecord, erasureIdentity, readErasureRegister } from './erasure-register';

export const DATABASE_FILE_NAME = 'afstemming.sqlite';
export const MANIFEST_FILE = 'manifest.json';
/** A verified copy of a backup inside the data folder, swapped in at the next start. */
export const PENDING_RESTORE_DIR = 'restore-pending';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'afstemming-backup';
  version: 1;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  /**
   * Backups from schema 10 on: the access log's newest link when the backup began (every row up to
   * it is in the backup), signed with the key in the backup's access-log.key. A restore makes it
   * the anchor of the restored log, so a backup whose log was cut short is found by verify.
   */
  accessLogAnchor?: SignedPoint | null;
  files: ManifestFile[];
}

/** The first schema whose access log is keyed (migration 0010): its backups must carry their key. */
export const KEYED_SCHEMA_VERSION = 10;

/** Only these paths may appear in a manifest: nothing can be written outside the data folder. */
const ALLOWED_PATH = /^(afstemming\.sqlite|erasures\.jsonl|access-log\.key|library\/(originals|derived)\/[A-Za-z0-9._-]+)$/;

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function syncDir(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Copies, fsyncs and hashes the copy (what was written, not what was read). */
async function copyAndHash(from: string, to: string): Promise<ManifestFile & { abs: string }> {
  mkdirSync(dirname(to), { recursive: true });
  await copyFile(from, to);
  await fsyncPath(to);
  const { sha256, size } = await hashFile(to);
  return { path: '', size, sha256, abs: to };
}

const isInside = (child: string, parent: string) => {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Backs up while the app runs: the database through SQLite's online backup (a consistent
 * snapshot), then the library files, then manifest.json with every file's size and SHA-256.
 * Written into a `.part` folder that is renamed only when complete.
 */
export async function createBackup(opts: { db: Db; library: MediaLibrary; dataDir: string; targetDir: string; appVersion: string; now: string }): Promise<BackupSummary> {
  const target = resolve(opts.targetDir);
  if (!isAbsolute(opts.targetDir)) throw new AppError('invalid_input', msg(
    'Geef een volledig pad naar een map (bijvoorbeeld D:\\Back-ups of /media/usb/back-ups).',
    'Give a full path to a folder (for example D:\\Backups or /media/usb/backups).',
  ));
  if (isInside(target, opts.dataDir)) {
    throw new AppError('invalid_input', msg('Kies een map buiten de gegevensmap van Afstemming.', 'Choose a folder outside Afstemming\'s data folder.'));
  }
  if (!existsSync(target) || !statSync(target).isDirectory()) throw new AppError('not_found', msg(
    'Deze map bestaat niet. Maak hem eerst aan of kies een andere.',
    'This folder does not exist. Create it first or choose another one.',
  ));
  const name = `afstemming-backup-${opts.now.replace(/[:.]/g, '-')}`;
  const finalDir = join(target, name);
  const partDir = `${finalDir}.part`;
  if (existsSync(finalDir)) throw new AppError('conflict', msg(
    'Er staat al een back-up met deze tijd in die map; probeer het zo opnieuw.',
    'That folder already holds a backup with this time; try again in a moment.',
  ));
  rmSync(partDir, { recursive: true, force: true });
  mkdirSync(partDir, { recursive: true });
  try {
    const files: ManifestFile[] = [];
    const dbCopy = join(partDir, DATABASE_FILE_NAME);
    // Read before the copy starts: the log is append-only, so every row up to this link is in the copy.
    const key = logKeyOf(opts.db);
    const head = chainHead(opts.db);
    const accessLogAnchor = head ? signPoint(key, head) : null;
    await opts.db.backup(dbCopy);
    await fsyncPath(dbCopy);
    files.push({ path: DATABASE_FILE_NAME, ...(await hashFile(dbCopy)) });
    const schemaVersion = opts.db.pragma('user_version', { simple: true }) as number;
    // The key travels with the backup, as a file of its own beside the database (never inside it):
    // without it a restored log could not be verified or continued. Only this user may read it.
    const keyCopy = await copyAndHash(join(opts.dataDir, LOG_KEY_FILE), join(partDir, LOG_KEY_FILE));
    chmodSync(keyCopy.abs, 0o600);
    files.push({ path: LOG_KEY_FILE, size: keyCopy.size, sha256: keyCopy.sha256 });
    const register = join(opts.dataDir, ERASURE_REGISTER_FILE);
    if (existsSync(register)) {
      const copied = await copyAndHash(register, join(partDir, ERASURE_REGISTER_FILE));
      files.push({ path: ERASURE_REGISTER_FILE, size: copied.size, sha256: copied.sha256 });
    }
    for (const [sub, dir] of [
      ['originals', opts.library.originalsDir],
      ['derived', opts.library.derivedDir],
    ] as const) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = `library/${sub}/${entry.name}`;
        if (!ALLOWED_PATH.test(path)) continue;
        try {
          const copied = await copyAndHash(join(dir, entry.name), join(partDir, 'library', sub, entry.name));
          files.push({ path, size: copied.size, sha256: copied.sha256 });
        } catch (error) {
          // Removed while we copied (an erasure or a recording removed): it is gone from the live data too.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    }
    const manifest: BackupManifest = { format: 'afstemming-backup', version: 1, createdAt: opts.now, appVersion: opts.appVersion, schemaVersion, accessLogAnchor, files };
    await writeFile(join(partDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await fsyncPath(join(partDir, MANIFEST_FILE));
    renameSync(partDir, finalDir);
    await fsyncPath(target);
    return { dir: finalDir, createdAt: opts.now, files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) };
  } catch (error) {
    rmSync(partDir, { recursive: true, force: true });
    throw error;
  }
}

function listFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name)).split(sep).join('/')],
  );
}

export async function readManifest(dir: string): Promise<BackupManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
    if (manifest.format !== 'afstemming-backup' || manifest.version !== 1 || !Array.isArray(manifest.files)) return null;
    return manifest;
  } catch {
    return null;
  }
}

/** Checks every file against the manifest (size and SHA-256) and that nothing is missing or added. */
export async function verifyBackup(dir: string): Promise<BackupCheck & { manifest: BackupManifest | null }> {
  const problems: string[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { ok: false, dir, createdAt: null, files: 0, problems: ['Deze map bestaat niet.'], manifest: null };
  }
  const manifest = await readManifest(dir);
  if (!manifest) return { ok: false, dir, createdAt: null, files: 0, problems: ['Geen geldig manifest.json: dit is geen (volledige) back-up van Afstemming.'], manifest: null };
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (typeof file.path !== 'string' || !ALLOWED_PATH.test(file.path)) {
      problems.push(`Ongeldig pad in het manifest: ${String(file.path).slice(0, 100)}`);
      continue;
    }
    listed.add(file.path);
    const abs = join(dir, ...file.path.split('/'));
    if (!existsSync(abs)) {
      problems.push(`Ontbreekt: ${file.path}`);
      continue;
    }
    const actual = await hashFile(abs);
    if (actual.size !== file.size || actual.sha256 !== file.sha256) problems.push(`Gewijzigd of beschadigd: ${file.path}`);
  }
  if (!listed.has(DATABASE_FILE_NAME)) problems.push('De database ontbreekt in het manifest.');
  if (typeof manifest.schemaVersion === 'number' && manifest.schemaVersion >= KEYED_SCHEMA_VERSION) problems.push(...keyProblems(dir, manifest, listed));
  for (const path of listFiles(dir)) {
    if (path !== MANIFEST_FILE && !listed.has(path)) problems.push(`Niet in het manifest: ${path}`);
  }
  return { ok: problems.length === 0, dir, createdAt: manifest.createdAt, files: manifest.files.length, problems, manifest };
}

/** A backup with a keyed access log needs its key, and the signed head of its log must be made with that key. */
function keyProblems(dir: string, manifest: BackupManifest, listed: Set<string>): string[] {
  if (!listed.has(LOG_KEY_FILE)) return [`Het sleutelbestand van het toegangslogboek (${LOG_KEY_FILE}) ontbreekt in deze back-up: het teruggezette logboek zou niet te controleren zijn.`];
  const found = readLogKeyFile(dir);
  if (found.state !== 'ok') return [`Het sleutelbestand van het toegangslogboek (${LOG_KEY_FILE}) in deze back-up is onleesbaar.`];
  if (!manifest.accessLogAnchor) return ['Het manifest noemt het laatste punt van het toegangslogboek niet.'];
  if (!checkSignedPoint(found.key, manifest.accessLogAnchor).ok) return ['Het laatste punt van het toegangslogboek in het manifest is niet met de sleutel van deze back-up ondertekend.'];
  return [];
}

/**
 * Verifies the backup before anything is replaced, then copies it (verifying each copy) into
 * restore-pending inside the data folder. The live database stays untouched until the next
 * start, when applyPendingRestore swaps it in before the database is opened.
 */
export async function stageRestore(dataDir: string, dir: string): Promise<{ createdAt: string }> {
  const check = await verifyBackup(resolve(dir));
  if (!check.ok || !check.manifest) {
    // The problems themselves are the Dutch lines backup.verify shows; the English keeps them as they are.
    const problems = check.problems.slice(0, 5).join(' ');
    throw new AppError(
      'invalid_input',
      msg(`Deze back-up is niet in orde; er is niets teruggezet. ${problems}`, `This backup is not in order; nothing has been restored. ${problems}`),
    );
  }
  const pending = join(dataDir, PENDING_RESTORE_DIR);
  const part = `${pending}.part`;
  rmSync(part, { recursive: true, force: true });
  mkdirSync(part, { recursive: true });
  try {
    for (const file of check.manifest.files) {
      const copied = await copyAndHash(join(resolve(dir), ...file.path.split('/')), join(part, ...file.path.split('/')));
      if (copied.sha256 !== file.sha256) throw new AppError('internal', msg(
        `Het kopiëren van ${file.path} ging mis; er is niets teruggezet.`,
        `Copying ${file.path} went wrong; nothing has been restored.`,
      ));
      if (file.path === LOG_KEY_FILE) chmodSync(copied.abs, 0o600);
    }
    await writeFile(join(part, MANIFEST_FILE), JSON.stringify(check.manifest, null, 2));
    await fsyncPath(join(part, MANIFEST_FILE));
    rmSync(pending, { recursive: true, force: true });
    renameSync(part, pending);
    await fsyncPath(dataDir);
  } catch (error) {
    rmSync(part, { recursive: true, force: true });
    throw error;
  }
  return { createdAt: check.manifest.createdAt };
}

/**
 * At start-up, before the database is opened: swaps a staged restore into place. What it replaces
 * is moved to `before-restore-<time>` (never deleted by the app). The erasure register is not
 * replaced but merged, so erasures made after the backup survive and are applied again.
 */
export interface AppliedRestore {
  restoredFrom: string;
  /** Where the replaced database and library (and its log key and anchor) were moved. */
  asideDir: string;
}

export function applyPendingRestore(dataDir: string, now = new Date().toISOString()): AppliedRestore | null {
  const pending = join(dataDir, PENDING_RESTORE_DIR);
  // An unfinished staging (crash while copying) is incomplete by definition; the backup itself is untouched.
  rmSync(`${pending}.part`, { recursive: true, force: true });
  const manifestPath = join(pending, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  const aside = join(dataDir, `before-restore-${now.replace(/[:.]/g, '-')}`);
  const moveAside = (name: string) => {
    if (!existsSync(join(dataDir, name))) return;
    mkdirSync(dirname(join(aside, name)), { recursive: true });
    renameSync(join(dataDir, name), join(aside, name));
  };
  // Each step is one rename and only runs while its staged source is still there, so a crash
  // halfway is finished by the next start instead of leaving a mix.
  if (existsSync(join(pending, DATABASE_FILE_NAME))) {
    // The WAL and shared memory belong to the old database; next to the restored one they would corrupt it.
    for (const name of [DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`]) moveAside(name);
    renameSync(join(pending, DATABASE_FILE_NAME), join(dataDir, DATABASE_FILE_NAME));
  }
  // The key comes with its database. The anchor belonged to the replaced log: a keyed backup's
  // signed head becomes the anchor of the restored log (so a backup whose log was cut short is
  // found); a backup from before keys has none, and its first start keys its log and anchors it.
  if (existsSync(join(pending, LOG_KEY_FILE))) {
    moveAside(LOG_KEY_FILE);
    renameSync(join(pending, LOG_KEY_FILE), join(dataDir, LOG_KEY_FILE));
  }
  moveAside(LOG_ANCHOR_FILE);
  if (manifest.accessLogAnchor) {
    const anchor = { format: 'afstemming-access-log-anchor', version: 1, ...manifest.accessLogAnchor, writtenAt: now };
    writeFileDurably(join(dataDir, LOG_ANCHOR_FILE), `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  }
  mkdirSync(join(dataDir, 'library'), { recursive: true });
  for (const sub of ['originals', 'derived']) {
    const from = join(pending, 'library', sub);
    if (!existsSync(from)) continue;
    moveAside(join('library', sub));
    renameSync(from, join(dataDir, 'library', sub));
  }
  for (const sub of ['originals', 'derived']) mkdirSync(join(dataDir, 'library', sub), { recursive: true });
  syncDir(join(dataDir, 'library'));
  syncDir(dataDir);
  // Union of the backup's register and ours: an erasure is never forgotten. A line of an older
  // backup may hold a code in clear; the start that follows replaces it by its keyed hash.
  const known = new Set(readErasureRegister(dataDir).map(erasureIdentity));
  for (const record of readErasureRegister(pending)) {
    if (!known.has(erasureIdentity(record))) appendErasureRecord(dataDir, record);
  }
  rmSync(pending, { recursive: true, force: true });
  return { restoredFrom: manifest.createdAt, asideDir: aside };
}

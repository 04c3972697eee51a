import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/open-database';
import { syncFolder } from './durable-file';
import { KEYING_ANCHOR_FILE, LOG_ANCHOR_FILE, readAnchor, writeAnchor } from './log-anchor';
import { KEYED_ACTION, KEYED_FROM_SETTING, LOG_COLUMNS, keySetting, linkRow, logKeyOf, markKeyed, rowMac, GENESIS_MAC, type LogRow } from './log-chain';
import { familyCodeRef, isFamilyCodeRef, KEY_ID_SETTING, KEYING_PENDING, type LogKey } from './log-key';
import { pseudonymiseFamilyLog } from './erasure-repository';

/**
 * The unkeyed chain of migration 0007: sha256(prev_hash + "\n" + the row as a JSON array).
 * Only read here, once, to check a log from before migration 0010 before it is linked with the key.
 */
const legacyCanonical = (row: LogRow) =>
  JSON.stringify([row.id, row.at, row.rater_id, row.rater_name, row.rater_role, row.family_id, row.family_code, row.action, row.outcome, row.detail]);
const legacyHash = (prev: string, row: LogRow) => createHash('sha256').update(prev).update('\n').update(legacyCanonical(row)).digest('hex');

export interface LegacyCheck {
  ok: boolean;
  rows: number;
  firstBrokenId: number | null;
  reason: string | null;
}

/**
 * Checks the unkeyed chain as verify did before migration 0010. Rows up to the id migration 0007
 * recorded may lack a link (chainBackfill linked them at a later start, or never did when a
 * database went from before 0007 straight to 0010): their hash is computed here instead.
 */
export function verifyLegacyChain(db: Db): LegacyCheck {
  const backfillTo = Number((db.prepare(`SELECT value FROM settings WHERE key = 'access_log_chain_backfill_to'`).get() as { value: string } | undefined)?.value ?? 0);
  const rows = db
    .prepare(`SELECT l.id, l.at, l.rater_id, l.rater_name, l.rater_role, l.family_id, l.family_code, l.action, l.outcome, l.detail, c.prev_hash, c.hash
              FROM access_log l LEFT JOIN access_log_chain c ON c.log_id = l.id ORDER BY l.id`)
    .all() as (LogRow & { prev_hash: string | null; hash: string | null })[];
  let prev = GENESIS_MAC;
  let linkedSeen = false;
  let checked = 0;
  const broken = (id: number, reason: string): LegacyCheck => ({ ok: false, rows: rows.length, firstBrokenId: id, reason });
  for (const row of rows) {
    if (row.hash === null || row.prev_hash === null) {
      if (row.id > backfillTo || linkedSeen) return broken(row.id, 'deze regel had geen schakel: hij was buiten Afstemming om toegevoegd');
      prev = legacyHash(prev, row);
    } else {
      linkedSeen = true;
      if (row.prev_hash !== prev) return broken(row.id, 'de regel ervóór was verwijderd of gewijzigd');
      if (legacyHash(prev, row) !== row.hash) return broken(row.id, 'de inhoud van deze regel was gewijzigd');
      prev = row.hash;
    }
    checked++;
  }
  const orphan = db.prepare('SELECT min(c.log_id) AS id FROM access_log_chain c LEFT JOIN access_log l ON l.id = c.log_id WHERE l.id IS NULL').get() as { id: number | null };
  if (orphan.id !== null) return broken(orphan.id, 'deze regel was uit het logboek verwijderd');
  return { ok: true, rows: checked, firstBrokenId: null, reason: null };
}

/** Replaces the clear codes in the erasure register table (and the erased families' log rows) by their keyed hash. */
function pseudonymiseErasures(db: Db, key: LogKey): number {
  const clear = (db.prepare(`SELECT id, family_id, family_code, erased_at FROM erasures ORDER BY id`).all() as {
    id: number;
    family_id: number;
    family_code: string;
    erased_at: string;
  }[]).filter((row) => !isFamilyCodeRef(row.family_code));
  const update = db.prepare('UPDATE erasures SET family_code = ? WHERE id = ?');
  for (const row of clear) {
    pseudonymiseFamilyLog(db, key, row.family_id, row.erased_at);
    update.run(familyCodeRef(key, row.family_code), row.id);
  }
  return clear.length;
}

export interface KeyingResult {
  transitionId: number;
  linkedRows: number;
  erasuresPseudonymised: number;
  clean: boolean;
}

/**
 * The first start after migration 0010 (also after restoring a backup from before it): in one
 * transaction, checks the old unkeyed chain, links every row with the key, empties the old chain,
 * replaces erased families' codes by their keyed hash, appends the transition row and writes the
 * anchor at it. A problem found on the way (the old chain already broken; an anchor of an earlier
 * keyed log in this folder while the database has no keyed chain, i.e. the keyed chain was
 * stripped or an old database put back by hand; a restore through the app moves the replaced
 * log's anchor aside first) does not stop the app, but it is written into the
 * transition row with outcome 'error', and verify reports that row for as long as the log exists:
 * linking the rows with the key must not make an earlier break look intact.
 *
 * The anchor is written beside the real one (KEYING_ANCHOR_FILE) inside the transaction and
 * renamed into place after the commit: a crash before the commit leaves the database 'pending'
 * and the next start does it all again; a crash after it is finished by finishKeyingAnchor.
 */
export function completeKeying(db: Db, dataDir: string, opts: { now?: string } = {}): KeyingResult | null {
  finishKeyingAnchor(db, dataDir);
  if (keySetting(db) !== KEYING_PENDING) return null;
  const key = logKeyOf(db);
  const now = opts.now ?? new Date().toISOString();
  const earlierAnchor = readAnchor(dataDir, key);
  const result = db
    .transaction((): KeyingResult => {
      const legacy = verifyLegacyChain(db);
      const findings: string[] = [];
      if (!legacy.ok) findings.push(`de keten zonder sleutel was al gebroken bij regel ${legacy.firstBrokenId} (${legacy.reason})`);
      if (earlierAnchor.state !== 'missing') {
        findings.push(
          'in de gegevensmap stond al een anker van een logboek met sleutel, terwijl deze database nog geen keten met sleutel had: de keten is uit de database verwijderd of er is met de hand een oudere database teruggezet',
        );
      }
      const erasuresPseudonymised = pseudonymiseErasures(db, key);
      const rows = db.prepare(`SELECT ${LOG_COLUMNS} FROM access_log ORDER BY id`).all() as LogRow[];
      const insert = db.prepare('INSERT INTO access_log_mac (log_id, prev_mac, mac) VALUES (?, ?, ?)');
      const refs = new Map<string, string>();
      let prev = GENESIS_MAC;
      for (const row of rows) {
        const mac = rowMac(key, prev, row, refs);
        insert.run(row.id, prev, mac);
        prev = mac;
      }
      db.prepare('DELETE FROM access_log_chain').run();
      const detail = [
        // The key's id is in settings and in the anchor; the row stays the same for every installation.
        rows.length === 0 ? 'logboek gestart met een sleutel buiten de database' : `keten voortaan met een sleutel buiten de database; de ${rows.length} eerdere regels zijn met de sleutel vastgelegd`,
        legacy.ok && rows.length > 0 ? 'hun keten zonder sleutel was intact' : null,
        erasuresPseudonymised > 0 ? `de code van ${erasuresPseudonymised} gewiste ${erasuresPseudonymised === 1 ? 'gezin' : 'gezinnen'} vervangen door een sleutelhash` : null,
        ...findings.map((finding) => `LET OP: ${finding}`),
      ]
        .filter(Boolean)
        .join('; ');
      const transitionId = Number(
        db
          .prepare(`INSERT INTO access_log (at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail) VALUES (?, NULL, NULL, NULL, NULL, NULL, ?, ?, ?)`)
          .run(now, KEYED_ACTION, findings.length ? 'error' : 'ok', detail.slice(0, 1000)).lastInsertRowid,
      );
      const head = linkRow(db, key, transitionId);
      db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(key.keyId, KEY_ID_SETTING);
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEYED_FROM_SETTING, String(transitionId));
      writeAnchor(dataDir, key, head, now, KEYING_ANCHOR_FILE);
      return { transitionId, linkedRows: rows.length, erasuresPseudonymised, clean: findings.length === 0 };
    })
    .immediate();
  markKeyed(db);
  // The earlier anchor belongs to a chain this database no longer has; the finding is in the
  // transition row, and the anchor is kept aside (a crash before this rename leaves it in place,
  // which verify reports as well).
  if (earlierAnchor.state !== 'missing') renameSync(join(dataDir, LOG_ANCHOR_FILE), join(dataDir, `${LOG_ANCHOR_FILE}.before-keying-${now.replace(/[:.]/g, '-')}`));
  finishKeyingAnchor(db, dataDir);
  return result;
}

/**
 * Puts the anchor of a committed keying in place, or removes that of one whose transaction did
 * not commit. Only the anchor of this database's own transition row, while nothing has been
 * added after it and no other anchor is there: the case of a crash right after the commit.
 */
export function finishKeyingAnchor(db: Db, dataDir: string): void {
  const staged = join(dataDir, KEYING_ANCHOR_FILE);
  if (!existsSync(staged)) return;
  const keyedFrom = Number((db.prepare('SELECT value FROM settings WHERE key = ?').get(KEYED_FROM_SETTING) as { value: string } | undefined)?.value ?? 0);
  const point = readAnchor(dataDir, logKeyOf(db), KEYING_ANCHOR_FILE);
  const head = db.prepare('SELECT log_id, mac FROM access_log_mac ORDER BY log_id DESC LIMIT 1').get() as { log_id: number; mac: string } | undefined;
  const ours =
    keySetting(db) !== KEYING_PENDING &&
    !existsSync(join(dataDir, LOG_ANCHOR_FILE)) &&
    point.state === 'ok' &&
    head !== undefined &&
    point.point.logId === keyedFrom &&
    head.log_id === keyedFrom &&
    head.mac === point.point.mac;
  if (ours) {
    renameSync(staged, join(dataDir, LOG_ANCHOR_FILE));
    syncFolder(dataDir);
  } else {
    rmSync(staged, { force: true });
  }
}

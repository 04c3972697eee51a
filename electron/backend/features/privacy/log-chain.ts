import { createHmac } from 'node:crypto';
import type { LogChainReport } from '../../../../shared/api/areas/privacy-methods';
import type { Db } from '../../db/open-database';
import { readAnchor, writeAnchor, type ChainPoint } from './log-anchor';
import { familyCodeRef, isFamilyCodeRef, KEY_ID_SETTING, KEYING_PENDING, LOG_KEY_FILE, type LogKey } from './log-key';

/**
 * The access log's chain (migration 0010): one row in access_log_mac per access_log row, with
 * mac = HMAC-SHA256(chain key, prev_mac + "\n" + canonical row). The key is derived from the
 * secret in access-log.key next to the database (log-key.ts), so a row cannot be changed, added or
 * removed in the middle with only the database in hand: the links after it would have to be made
 * again, and that needs the key. The head is anchored outside the database (log-anchor.ts), so a
 * log cut short at the end is found too.
 */

/** The link before the first row. */
export const GENESIS_MAC = '0'.repeat(64);

/** The row that records a change of the chain's keying (the transition point of migration 0010). */
export const KEYED_ACTION = 'access_log.keyed';
export const KEYED_FROM_SETTING = 'access_log_keyed_from';

export interface LogRow {
  id: number;
  at: string;
  rater_id: number | null;
  rater_name: string | null;
  rater_role: string | null;
  family_id: number | null;
  family_code: string | null;
  action: string;
  outcome: string;
  detail: string;
}

export const LOG_COLUMNS = 'id, at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail';

/**
 * Canonical content of one row: a JSON array in a fixed column order (no field can shift into
 * another), with the family's code as its keyed hash, in family_code and wherever the detail
 * names it. An erasure replaces exactly that in the stored row (pseudonymiseFamilyLog, and
 * migration 0010's trigger allows no other change), so the row's link stays valid after it.
 */
export function canonicalRow(key: LogKey, row: LogRow, refs?: Map<string, string>): string {
  let code = row.family_code;
  let detail = row.detail;
  if (code !== null && !isFamilyCodeRef(code)) {
    let ref = refs?.get(code);
    if (ref === undefined) {
      ref = familyCodeRef(key, code);
      refs?.set(code, ref);
    }
    detail = detail.split(code).join(ref);
    code = ref;
  }
  return JSON.stringify(['v1', row.id, row.at, row.rater_id, row.rater_name, row.rater_role, row.family_id, code, row.action, row.outcome, detail]);
}

export function rowMac(key: LogKey, prevMac: string, row: LogRow, refs?: Map<string, string>): string {
  return createHmac('sha256', key.chainKey).update(prevMac).update('\n').update(canonicalRow(key, row, refs)).digest('hex');
}

interface Binding {
  key: LogKey;
  dataDir: string;
  /** False on a read-only database: nothing outside it is written either. */
  writable: boolean;
  /** Migration 0010 ran but completeKeying has not: no row may be chained yet. */
  pending: boolean;
  /** Rows were linked since the anchor was last moved. */
  dirty: boolean;
  scheduled: boolean;
  onError: (error: unknown) => void;
}

const bindings = new WeakMap<Db, Binding>();

/** Gives the chain functions their key and data folder for this connection; done once when the back end starts. */
export function bindLogChain(db: Db, opts: { key: LogKey; dataDir: string; writable: boolean; onError?: (error: unknown) => void }): void {
  const setting = keySetting(db);
  bindings.set(db, { key: opts.key, dataDir: opts.dataDir, writable: opts.writable, pending: setting === KEYING_PENDING, dirty: false, scheduled: false, onError: opts.onError ?? (() => undefined) });
}

function bindingOf(db: Db): Binding {
  const binding = bindings.get(db);
  if (!binding) throw new Error('The access-log key is not bound to this database (bindLogChain)');
  return binding;
}

export const logKeyOf = (db: Db): LogKey => bindingOf(db).key;

export function keySetting(db: Db): string | null {
  try {
    return (db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY_ID_SETTING) as { value: string } | undefined)?.value ?? null;
  } catch {
    return null;
  }
}

function lastLink(db: Db): ChainPoint | null {
  const row = db.prepare('SELECT log_id, mac FROM access_log_mac ORDER BY log_id DESC LIMIT 1').get() as { log_id: number; mac: string } | undefined;
  return row ? { logId: row.log_id, mac: row.mac } : null;
}

/** Links one access_log row to the chain (no anchor scheduled): for completeKeying, inside its transaction. */
export function linkRow(db: Db, key: LogKey, logId: number): ChainPoint {
  const row = db.prepare(`SELECT ${LOG_COLUMNS} FROM access_log WHERE id = ?`).get(logId) as LogRow;
  const prev = lastLink(db)?.mac ?? GENESIS_MAC;
  const mac = rowMac(key, prev, row);
  db.prepare('INSERT INTO access_log_mac (log_id, prev_mac, mac) VALUES (?, ?, ?)').run(logId, prev, mac);
  return { logId, mac };
}

/** Chains one freshly inserted access_log row; called by appendAccess inside the same transaction. */
export function chainRow(db: Db, logId: number): void {
  const binding = bindingOf(db);
  if (binding.pending) throw new Error('The access log is not keyed yet: completeKeying must run first');
  linkRow(db, binding.key, logId);
  scheduleAnchor(db, binding);
}

export function markKeyed(db: Db): void {
  bindingOf(db).pending = false;
}

/**
 * The anchor follows the head right after each commit: settleAnchor runs when appendAccess's own
 * transaction or a dispatched call's transaction has committed, in the same synchronous stretch
 * of code, so only a crash can come between a commit and its anchor write. Rows linked inside
 * some other transaction (start-up batches) are anchored in the next turn of the event loop:
 * better-sqlite3's transactions are synchronous, so by then they are committed or rolled back.
 */
function scheduleAnchor(db: Db, binding: Binding): void {
  if (!binding.writable) return;
  binding.dirty = true;
  if (binding.scheduled) return;
  binding.scheduled = true;
  setImmediate(() => {
    binding.scheduled = false;
    settleAnchor(db);
  });
}

/** Moves the anchor on if rows were linked and no transaction is open any more (one write for all of them). */
export function settleAnchor(db: Db): void {
  const binding = bindings.get(db);
  if (!binding?.dirty || !db.open || db.inTransaction) return;
  binding.dirty = false;
  try {
    advanceAnchor(db);
  } catch (error) {
    binding.onError(error);
  }
}

export type AnchorAdvance = 'advanced' | 'current' | 'read_only' | 'missing' | 'invalid' | 'off_chain';

/**
 * Moves the anchor to the chain's head, but only from a point that is still on the chain: after
 * rows were removed at the end (or the anchor is missing or not ours) it stays as it is, so the
 * next verify still reports what happened instead of the anchor following the shortened log.
 */
export function advanceAnchor(db: Db, now = new Date().toISOString()): AnchorAdvance {
  const binding = bindingOf(db);
  if (!binding.writable || !db.open || binding.pending) return 'read_only';
  const head = lastLink(db);
  const anchor = readAnchor(binding.dataDir, binding.key);
  if (anchor.state !== 'ok') return anchor.state;
  if (!head) return 'off_chain';
  if (anchor.point.logId === head.logId && anchor.point.mac === head.mac) return 'current';
  if (anchor.point.logId > head.logId || macAt(db, anchor.point.logId) !== anchor.point.mac) return 'off_chain';
  writeAnchor(binding.dataDir, binding.key, head, now);
  return 'advanced';
}

function macAt(db: Db, logId: number): string | null {
  const row = db.prepare('SELECT m.mac FROM access_log_mac m JOIN access_log l ON l.id = m.log_id WHERE m.log_id = ?').get(logId) as { mac: string } | undefined;
  return row?.mac ?? null;
}

/** The chain's head, signed in backup manifests (the anchor of the backup's own log). */
export function chainHead(db: Db): ChainPoint | null {
  return lastLink(db);
}

export type ChainReport = LogChainReport;

const hasTable = (db: Db, name: string) => !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);

/**
 * Recomputes the whole chain with the key, then compares its end with the anchor outside the
 * database. Accepted: every row has its link and its link fits its content and the link before
 * it; the anchor is signed with this log's key and names a row that is in the log with that very
 * link. Rows after the anchor are accepted (they are linked with the key, which only the app
 * has; the anchor trails the head only between a commit and its anchor write, e.g. after a crash,
 * and the next start moves it on). Everything else is reported, in Dutch, and nothing is changed:
 * not the log, not the anchor.
 */
export function verifyChain(db: Db): ChainReport {
  const binding = bindings.get(db);
  const report = (ok: boolean, checkedRows: number, firstBrokenId: number | null, reason: string | null, anchorLogId: number | null = null): ChainReport => ({
    ok,
    checkedRows,
    firstBrokenId,
    reason,
    anchorLogId,
  });
  if (!binding) {
    return report(
      false,
      0,
      null,
      `Het sleutelbestand van het logboek (${LOG_KEY_FILE}) ontbreekt of hoort niet bij deze database, dus de keten is niet te controleren. Zet het sleutelbestand terug uit de oude gegevensmap of zet een back-up terug (die bevat zijn sleutel).`,
    );
  }
  if (binding.pending || !hasTable(db, 'access_log_mac')) {
    return report(false, 0, null, 'Het logboek is nog niet omgezet naar een keten met sleutel. Start Afstemming opnieuw; dat zet het om.');
  }
  if (binding.writable) advanceAnchor(db);
  const { key } = binding;
  const refs = new Map<string, string>();
  const rows = db
    .prepare(`SELECT l.id, l.at, l.rater_id, l.rater_name, l.rater_role, l.family_id, l.family_code, l.action, l.outcome, l.detail, m.prev_mac, m.mac
              FROM access_log l LEFT JOIN access_log_mac m ON m.log_id = l.id ORDER BY l.id`)
    .iterate() as IterableIterator<LogRow & { prev_mac: string | null; mac: string | null }>;
  let prev = GENESIS_MAC;
  let checked = 0;
  let last: LogRow | null = null;
  let unclean: LogRow | null = null;
  for (const row of rows) {
    if (row.mac === null || row.prev_mac === null) return report(false, checked, row.id, `Regel ${row.id} heeft geen schakel in de keten: hij is buiten Afstemming om toegevoegd.`);
    if (row.prev_mac !== prev) return report(false, checked, row.id, `Vóór regel ${row.id} is een regel verwijderd of vervangen: de keten sluit hier niet aan.`);
    if (rowMac(key, prev, row, refs) !== row.mac) {
      return report(false, checked, row.id, `Regel ${row.id} is gewijzigd nadat hij is vastgelegd: zijn schakel past niet bij de inhoud, en zonder de sleutel is die niet opnieuw te maken.`);
    }
    if (row.action === KEYED_ACTION && row.outcome !== 'ok' && !unclean) unclean = row;
    prev = row.mac;
    last = row;
    checked++;
  }
  const orphans = db.prepare('SELECT min(m.log_id) AS first, max(m.log_id) AS last FROM access_log_mac m LEFT JOIN access_log l ON l.id = m.log_id WHERE l.id IS NULL').get() as {
    first: number | null;
    last: number | null;
  };
  if (orphans.first !== null) {
    if (last === null || orphans.first > last.id) {
      return report(false, checked, orphans.first, `Aan het eind van het logboek zijn regels verwijderd: de schakels van regel ${orphans.first} t/m ${orphans.last} zijn er nog, de regels zelf niet.`);
    }
    return report(false, checked, orphans.first, `Regel ${orphans.first} is uit het logboek verwijderd (zijn schakel in de keten is er nog).`);
  }

  const anchor = readAnchor(binding.dataDir, key);
  if (anchor.state === 'missing') {
    return report(
      false,
      checked,
      null,
      `Het anker buiten de database (access-log.anchor in de gegevensmap) ontbreekt, dus is niet vast te stellen of er aan het eind van het logboek regels zijn verwijderd. De ${checked} regels zelf passen in de keten.`,
    );
  }
  if (anchor.state === 'invalid') {
    const why =
      anchor.why === 'other_key'
        ? 'het hoort bij een andere sleutel dan dit logboek'
        : anchor.why === 'signature'
          ? 'het is gewijzigd: de ondertekening met de sleutel klopt niet'
          : 'het is beschadigd of geen anker van Afstemming';
    return report(false, checked, null, `Het anker buiten de database (access-log.anchor) is niet te gebruiken: ${why}. Of er aan het eind regels zijn verwijderd, is zo niet vast te stellen.`);
  }
  const anchored = anchor.point.logId;
  if (last === null || anchored > last.id) {
    return report(
      false,
      checked,
      (last?.id ?? 0) + 1,
      `Aan het eind van het logboek zijn regels verwijderd: volgens het anker buiten de database loopt het tot en met regel ${anchored}, maar de laatste regel is ${last?.id ?? 'er niet'}.`,
      anchored,
    );
  }
  const at = macAt(db, anchored);
  if (at === null) {
    return report(
      false,
      checked,
      anchored,
      `Aan het eind van het logboek zijn regels verwijderd en daarna zijn er nieuwe aangehaakt: regel ${anchored}, waar het anker buiten de database naar wijst, staat niet meer in het logboek.`,
      anchored,
    );
  }
  if (at !== anchor.point.mac) {
    return report(false, checked, anchored, `Het logboek is tot en met regel ${anchored} opnieuw opgebouwd: de schakel van die regel is niet die van het anker buiten de database.`, anchored);
  }
  if (unclean) {
    return report(false, checked, unclean.id, `Bij de overgang naar een keten met sleutel (regel ${unclean.id}, ${unclean.at}) is vastgelegd: ${unclean.detail}`, anchored);
  }
  return report(true, checked, null, null, anchored);
}

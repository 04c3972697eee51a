import type { AnchorTexts, ScaleKey } from '../../../../shared/domain/scales';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { AnchorSet } from '../../../../shared/domain/scoring';
import type { Db } from '../../db/open-database';

interface AnchorRow {
  id: number;
  scale: ScaleKey;
  version: number;
  texts_json: string;
  created_at: string;
  created_by_name: string | null;
}

const ANCHOR_SQL = `SELECT a.id, a.scale, a.version, a.texts_json, a.created_at, r.name AS created_by_name
  FROM anchor_versions a LEFT JOIN raters r ON r.id = a.created_by`;

const toSet = (row: AnchorRow): AnchorSet => ({
  scale: row.scale,
  versionId: row.id,
  version: row.version,
  texts: JSON.parse(row.texts_json) as AnchorTexts,
  createdAt: row.created_at,
  createdByName: row.created_by_name,
});

/** The newest version of each scale, in the order of SCALE_KEYS. */
export function currentAnchors(db: Db): AnchorSet[] {
  const rows = db
    .prepare(`${ANCHOR_SQL} WHERE a.version = (SELECT max(version) FROM anchor_versions latest WHERE latest.scale = a.scale)`)
    .all() as AnchorRow[];
  return SCALE_KEYS.flatMap((scale) => rows.filter((row) => row.scale === scale).map(toSet));
}

export function currentAnchorVersionId(db: Db, scale: ScaleKey): number {
  const row = db.prepare('SELECT id FROM anchor_versions WHERE scale = ? ORDER BY version DESC LIMIT 1').get(scale) as { id: number } | undefined;
  if (!row) throw new Error(`no anchor texts for ${scale}; migration 0005 seeds them`);
  return row.id;
}

export function anchorVersionScale(db: Db, versionId: number): ScaleKey | null {
  const row = db.prepare('SELECT scale FROM anchor_versions WHERE id = ?').get(versionId) as { scale: ScaleKey } | undefined;
  return row?.scale ?? null;
}

export function anchorVersions(db: Db, scale: ScaleKey): AnchorSet[] {
  return (db.prepare(`${ANCHOR_SQL} WHERE a.scale = ? ORDER BY a.version DESC`).all(scale) as AnchorRow[]).map(toSet);
}

export function insertAnchorVersion(db: Db, scale: ScaleKey, texts: AnchorTexts, raterId: number | null, now: string): AnchorSet {
  const next = (db.prepare('SELECT ifnull(max(version), 0) + 1 AS v FROM anchor_versions WHERE scale = ?').get(scale) as { v: number }).v;
  const id = Number(
    db
      .prepare('INSERT INTO anchor_versions (scale, version, texts_json, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(scale, next, JSON.stringify(texts), now, raterId).lastInsertRowid,
  );
  return toSet(db.prepare(`${ANCHOR_SQL} WHERE a.id = ?`).get(id) as AnchorRow);
}

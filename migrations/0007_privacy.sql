-- Afstemming schema 7: privacy and durability — the hash chain over the access log and the
-- register of erased families.

-- One row per access_log row: hash = sha256(prev_hash || canonical row content), see
-- features/privacy/log-chain.ts. A side table, so access_log and its append-only triggers stay
-- exactly as they are. Rows logged before this migration are chained once at start-up by
-- chainBackfill() (SQLite has no sha256), up to the id recorded below; any later access_log row
-- without a chain row was not written by the app and `accessLog.verify` reports it.
CREATE TABLE access_log_chain (
  log_id     INTEGER PRIMARY KEY,
  prev_hash  TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash       TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64)
);

CREATE TRIGGER access_log_chain_no_update BEFORE UPDATE ON access_log_chain
BEGIN
  SELECT RAISE(ABORT, 'access_log_chain is append-only');
END;

CREATE TRIGGER access_log_chain_no_delete BEFORE DELETE ON access_log_chain
BEGIN
  SELECT RAISE(ABORT, 'access_log_chain is append-only');
END;

INSERT INTO settings (key, value)
  SELECT 'access_log_chain_backfill_to', CAST(ifnull(max(id), 0) AS TEXT) FROM access_log;

-- Families erased for good (AVG art. 17). Only the pseudonymous code and the old id, never a name.
-- Also kept outside the database (erasures.json next to it), so a restored older backup can have
-- later erasures applied again.
CREATE TABLE erasures (
  id           INTEGER PRIMARY KEY,
  family_id    INTEGER NOT NULL,
  family_code  TEXT    NOT NULL,
  erased_at    TEXT    NOT NULL,
  erased_by    INTEGER
);

CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures
BEGIN
  SELECT RAISE(ABORT, 'erasures is append-only');
END;

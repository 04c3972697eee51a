-- Afstemming schema 10: the access log's chain keyed with a secret outside the database, its head
-- anchored outside it, and erased families' codes kept only as a keyed hash (issue 20, point 15).
-- Never edit this file after it has landed; add a new migration instead.
--
-- The secret lives in access-log.key next to the database (features/privacy/log-key.ts). SQLite
-- has no HMAC, so this migration only prepares: it marks the log 'pending', and the first start
-- after it (completeKeying in features/privacy/log-keying.ts) does the rest in one transaction:
-- it checks the old unkeyed chain, links every row with the key, empties access_log_chain,
-- replaces erased families' codes, appends one 'access_log.keyed' row (the transition point, also
-- in settings.access_log_keyed_from) and writes the anchor (access-log.anchor).

-- mac = HMAC-SHA256(chain key, prev_mac || '\n' || canonical row), see features/privacy/log-chain.ts.
CREATE TABLE access_log_mac (
  log_id    INTEGER PRIMARY KEY,
  prev_mac  TEXT    NOT NULL CHECK (length(prev_mac) = 64),
  mac       TEXT    NOT NULL UNIQUE CHECK (length(mac) = 64)
);

CREATE TRIGGER access_log_mac_no_update BEFORE UPDATE ON access_log_mac
BEGIN
  SELECT RAISE(ABORT, 'access_log_mac is append-only');
END;

CREATE TRIGGER access_log_mac_no_delete BEFORE DELETE ON access_log_mac
BEGIN
  SELECT RAISE(ABORT, 'access_log_mac is append-only');
END;

INSERT INTO settings (key, value) VALUES ('access_log_key_id', 'pending');

-- The unkeyed chain (migration 0007) is read once more and then emptied: its sha256 over rows that
-- held an erased family's code in clear would let anyone confirm a guessed code. Deleting is
-- allowed only while the keying is pending; nothing is added to it any more.
DROP TRIGGER IF EXISTS access_log_chain_no_delete;
CREATE TRIGGER access_log_chain_no_delete BEFORE DELETE ON access_log_chain
  WHEN (SELECT value FROM settings WHERE key = 'access_log_key_id') IS NOT 'pending'
BEGIN
  SELECT RAISE(ABORT, 'access_log_chain is append-only');
END;

CREATE TRIGGER access_log_chain_closed BEFORE INSERT ON access_log_chain
BEGIN
  SELECT RAISE(ABORT, 'access_log_chain is closed since migration 0010; the chain is access_log_mac');
END;

-- family_code (in access_log and erasures) holds a family's code, or once the family is erased
-- the keyed hash 'gewist:' || 32 hex digits (a code has no ':'). The one change the log allows:
-- an erased family's code replaced by that hash, in family_code and in the detail, nothing else.
-- The chain covers every row with its codes already replaced (canonicalRow), so the links still fit.
DROP TRIGGER IF EXISTS access_log_no_update;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
  WHEN NOT (
    NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.rater_id IS OLD.rater_id AND NEW.rater_name IS OLD.rater_name
    AND NEW.rater_role IS OLD.rater_role AND NEW.family_id IS OLD.family_id AND NEW.action IS OLD.action
    AND NEW.outcome IS OLD.outcome
    AND OLD.family_code IS NOT NULL AND OLD.family_code NOT GLOB 'gewist:*'
    AND length(NEW.family_code) = 39 AND NEW.family_code GLOB 'gewist:*' AND substr(NEW.family_code, 8) NOT GLOB '*[^0-9a-f]*'
    AND NEW.detail IS replace(OLD.detail, OLD.family_code, NEW.family_code)
  )
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only (only an erased family''s code may be replaced by its keyed hash)');
END;

DROP TRIGGER IF EXISTS erasures_no_update;
CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures
  WHEN NOT (
    NEW.id IS OLD.id AND NEW.family_id IS OLD.family_id AND NEW.erased_at IS OLD.erased_at AND NEW.erased_by IS OLD.erased_by
    AND OLD.family_code NOT GLOB 'gewist:*'
    AND length(NEW.family_code) = 39 AND NEW.family_code GLOB 'gewist:*' AND substr(NEW.family_code, 8) NOT GLOB '*[^0-9a-f]*'
  )
BEGIN
  SELECT RAISE(ABORT, 'erasures is append-only (only a code may be replaced by its keyed hash)');
END;

-- Afstemming schema 6: what the coordinator's trend view, team overview and exports need.
--
-- The trends are computed from score sheets, scores and consensus, never stored. To answer a team
-- of a thousand families in milliseconds the back end keeps an in-memory index of those facts and
-- refreshes only what changed. These triggers say what changed: any write that can alter a
-- recording's trend facts marks that recording (or family) in trend_dirty, in the same
-- transaction as the write itself, so a rolled-back write marks nothing. They insert with NOT EXISTS,
-- not INSERT OR IGNORE: inside a trigger fired by an upsert (ON CONFLICT DO UPDATE) SQLite applies the
-- outer statement's conflict handling, and OR IGNORE would then fail on an already marked row.

CREATE TABLE trend_dirty (
  kind  TEXT    NOT NULL CHECK (kind IN ('recording', 'family')),
  id    INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- Scores and their sheets (submit, reopen, delete).
CREATE TRIGGER trend_dirty_scores_insert AFTER INSERT ON scores BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM score_sheets WHERE id = NEW.sheet_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_scores_update AFTER UPDATE ON scores BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM score_sheets WHERE id IN (NEW.sheet_id, OLD.sheet_id)) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_scores_delete AFTER DELETE ON scores BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM score_sheets WHERE id = OLD.sheet_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_sheets_insert AFTER INSERT ON score_sheets BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_sheets_update AFTER UPDATE ON score_sheets BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.recording_id AS id UNION SELECT 'recording', OLD.recording_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_sheets_delete AFTER DELETE ON score_sheets BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, OLD.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;

-- Consensus, rounds (reveal), their agendas and raters.
CREATE TRIGGER trend_dirty_items_insert AFTER INSERT ON round_items BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_items_update AFTER UPDATE ON round_items BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.recording_id AS id UNION SELECT 'recording', OLD.recording_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_items_delete AFTER DELETE ON round_items BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, OLD.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_rounds_update AFTER UPDATE ON rounds BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM round_recordings WHERE round_id IN (NEW.id, OLD.id)) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_rounds_delete BEFORE DELETE ON rounds BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM round_recordings WHERE round_id = OLD.id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_round_recordings_insert AFTER INSERT ON round_recordings BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_round_recordings_delete AFTER DELETE ON round_recordings BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, OLD.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_round_raters_insert AFTER INSERT ON round_raters BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM round_recordings WHERE round_id = NEW.round_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_round_raters_delete AFTER DELETE ON round_raters BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM round_recordings WHERE round_id = OLD.round_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;

-- Recordings, who is in view, caregivers' roles, visits' phases, families.
CREATE TRIGGER trend_dirty_recordings_insert AFTER INSERT ON recordings BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_recordings_update AFTER UPDATE ON recordings BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.id AS id UNION SELECT 'recording', OLD.id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_recordings_delete AFTER DELETE ON recordings BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, OLD.id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_in_view_insert AFTER INSERT ON recording_caregivers BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, NEW.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_in_view_delete AFTER DELETE ON recording_caregivers BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, OLD.recording_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
-- A caregiver's role counts for the recordings they are in and for the family (the role filter).
CREATE TRIGGER trend_dirty_caregivers_insert AFTER INSERT ON caregivers BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'family' AS kind, NEW.family_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_caregivers_update AFTER UPDATE ON caregivers BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, recording_id AS id FROM recording_caregivers WHERE caregiver_id = NEW.id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'family' AS kind, NEW.family_id AS id UNION SELECT 'family', OLD.family_id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_caregivers_delete AFTER DELETE ON caregivers BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'family' AS kind, OLD.family_id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_visits_update AFTER UPDATE ON visits BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'recording' AS kind, id AS id FROM recordings WHERE visit_id IN (NEW.id, OLD.id)) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_families_insert AFTER INSERT ON families BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'family' AS kind, NEW.id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_families_update AFTER UPDATE ON families BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'family' AS kind, NEW.id AS id UNION SELECT 'family', OLD.id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;
CREATE TRIGGER trend_dirty_families_delete AFTER DELETE ON families BEGIN
  INSERT INTO trend_dirty (kind, id) SELECT DISTINCT src.kind, src.id FROM (SELECT 'family' AS kind, OLD.id AS id) AS src
    WHERE NOT EXISTS (SELECT 1 FROM trend_dirty d WHERE d.kind = src.kind AND d.id = src.id);
END;

-- Reading the facts of a few recordings: the consensus of a recording, and submitted sheets.
CREATE INDEX round_items_by_recording ON round_items (recording_id, caregiver_id, scale) WHERE consensus_value IS NOT NULL;
CREATE INDEX score_sheets_submitted ON score_sheets (recording_id, round_id, rater_id, blind) WHERE status = 'submitted';

-- Afstemming schema 12: the home visit as the begeleider logs it (issue 16, point 2): how long it
-- took, who was there, what was filmed, and the answers to the team's per-visit questions.
-- Never edit this file after it has landed; add a new migration instead.
--
-- Every new row hangs off a visit (ON DELETE CASCADE), and erasure deletes a family's visits, so
-- nothing here outlives its family. The questions are team settings, like the mentalizing ones.

-- NULL: not (yet) filled in; older visits have nothing here.
ALTER TABLE visits ADD COLUMN duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 600);
ALTER TABLE visits ADD COLUMN activity TEXT CHECK (activity IS NULL OR activity IN ('bad', 'voeden', 'verschonen', 'spelen', 'anders'));
ALTER TABLE visits ADD COLUMN activity_note TEXT NOT NULL DEFAULT '' CHECK (length(activity_note) <= 200);
-- Others at the visit in a few words ("oma, tolk"): a role, never a name is expected.
ALTER TABLE visits ADD COLUMN others_present TEXT NOT NULL DEFAULT '' CHECK (length(others_present) <= 200);

-- The family's caregivers who were at the visit. A caregiver removed from the family (added by
-- mistake) drops out of the visits too; one who was filmed cannot be removed at all.
CREATE TABLE visit_caregivers (
  visit_id      INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  caregiver_id  INTEGER NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
  PRIMARY KEY (visit_id, caregiver_id)
);
CREATE INDEX visit_caregivers_by_caregiver ON visit_caregivers (caregiver_id);

-- The handlers refuse these with a Dutch message; the triggers keep any other writer (a restore,
-- a script, a future import) from linking a visit to another family's caregiver or recording.
CREATE TRIGGER visit_caregivers_same_family BEFORE INSERT ON visit_caregivers
WHEN (SELECT family_id FROM visits WHERE id = NEW.visit_id) IS NOT (SELECT family_id FROM caregivers WHERE id = NEW.caregiver_id)
BEGIN
  SELECT RAISE(ABORT, 'visit_caregivers: caregiver of another family');
END;

CREATE TRIGGER recordings_visit_same_family_insert BEFORE INSERT ON recordings
WHEN (SELECT family_id FROM visits WHERE id = NEW.visit_id) IS NOT NEW.family_id
BEGIN
  SELECT RAISE(ABORT, 'recordings: visit of another family');
END;

CREATE TRIGGER recordings_visit_same_family_update BEFORE UPDATE OF visit_id, family_id ON recordings
WHEN (SELECT family_id FROM visits WHERE id = NEW.visit_id) IS NOT NEW.family_id
BEGIN
  SELECT RAISE(ABORT, 'recordings: visit of another family');
END;

-- The questions the begeleider answers after every visit. Archived, never deleted, so an old
-- answer keeps its question. The text is unique (archived ones included): typing an archived
-- question again brings it back with its answers, as with the mentalizing questions.
CREATE TABLE visit_questions (
  id           INTEGER PRIMARY KEY,
  text         TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(text) BETWEEN 1 AND 300),
  position     INTEGER NOT NULL DEFAULT 0,
  archived_at  TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);

-- No row: not answered. An emptied answer deletes its row.
CREATE TABLE visit_answers (
  visit_id     INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  question_id  INTEGER NOT NULL REFERENCES visit_questions (id),
  text         TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  written_by   INTEGER REFERENCES raters (id),
  updated_at   TEXT    NOT NULL,
  PRIMARY KEY (visit_id, question_id)
);

-- Defaults for this intervention: what went well (the approach looks for strengths), what was
-- watched together and what the parent saw in it (mentalising), the contact, what the parent
-- takes home, and what the begeleider looks at next time.
INSERT INTO visit_questions (text, position, created_at, updated_at) VALUES
  ('Wat ging er goed in dit bezoek?', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('Naar welke fragmenten hebben we samen gekeken, en wat zag de ouder zelf?', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('Hoe was het contact met de ouder, en tussen ouder en baby?', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('Wat neemt de ouder mee naar de komende week?', 4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('Waar let ik op bij het volgende bezoek?', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

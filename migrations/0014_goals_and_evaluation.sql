-- Afstemming: the family's guidance goals (begeleidingsdoelen) with their status history and the
-- scores and fragments that motivated them, and the parents' evaluation form with its editable
-- questions (issue 16, points 3 and 5).
-- Never edit this file after it has landed; add a new migration instead.
--
-- Blindness is not stored here: a link names a score or fragment, and every read filters it through
-- features/rounds/blindness.ts like the scoring and fragment reads do. Every table reaches its family
-- (family_id, or its goal's or form's family_id), so erasure (erasure-repository.ts) finds them all.

CREATE TABLE goals (
  id             INTEGER PRIMARY KEY,
  family_id      INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  text           TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  -- Written at afsluiting (the evaluatie phase); empty before.
  evaluation     TEXT    NOT NULL DEFAULT '' CHECK (length(evaluation) <= 4000),
  evaluated_on   TEXT    CHECK (evaluated_on IS NULL OR evaluated_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  written_by     INTEGER REFERENCES raters (id),
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL
);
CREATE INDEX goals_by_family ON goals (family_id, id);

-- Every status a goal had, from the day it was set ('open'), append-only: the current status is
-- the latest row. Kept as history because the evaluation looks back on how a goal went.
CREATE TABLE goal_status_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  status       TEXT    NOT NULL CHECK (status IN ('open', 'in-behandeling', 'bereikt')),
  on_date      TEXT    NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  recorded_by  INTEGER REFERENCES raters (id),
  recorded_at  TEXT    NOT NULL
);
CREATE INDEX goal_status_events_by_goal ON goal_status_events (goal_id, on_date, id);

CREATE TRIGGER goal_status_events_no_update BEFORE UPDATE ON goal_status_events
BEGIN
  SELECT RAISE(ABORT, 'goal_status_events is append-only');
END;

-- What motivated a goal: a fragment, a rater's score (sheet, caregiver, scale) or a round's
-- consensus score. The referenced row going away (erasure, a removed sheet) takes the link along.
CREATE TABLE goal_links (
  id            INTEGER PRIMARY KEY,
  goal_id       INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL CHECK (kind IN ('fragment', 'score', 'consensus')),
  fragment_id   INTEGER REFERENCES fragments (id) ON DELETE CASCADE,
  sheet_id      INTEGER,
  round_id      INTEGER,
  recording_id  INTEGER,
  caregiver_id  INTEGER,
  scale         TEXT    CHECK (scale IS NULL OR scale IN ('sensitivity', 'cooperation')),
  created_at    TEXT    NOT NULL,
  FOREIGN KEY (sheet_id, caregiver_id, scale) REFERENCES scores (sheet_id, caregiver_id, scale) ON DELETE CASCADE,
  FOREIGN KEY (round_id, recording_id, caregiver_id, scale) REFERENCES round_items (round_id, recording_id, caregiver_id, scale) ON DELETE CASCADE,
  CHECK (
    (kind = 'fragment' AND fragment_id IS NOT NULL AND sheet_id IS NULL AND round_id IS NULL AND scale IS NULL) OR
    (kind = 'score' AND fragment_id IS NULL AND sheet_id IS NOT NULL AND round_id IS NULL AND recording_id IS NULL AND caregiver_id IS NOT NULL AND scale IS NOT NULL) OR
    (kind = 'consensus' AND fragment_id IS NULL AND sheet_id IS NULL AND round_id IS NOT NULL AND recording_id IS NOT NULL AND caregiver_id IS NOT NULL AND scale IS NOT NULL)
  )
);
CREATE UNIQUE INDEX goal_links_once ON goal_links (goal_id, kind, ifnull(fragment_id, 0), ifnull(sheet_id, 0), ifnull(round_id, 0), ifnull(recording_id, 0), ifnull(caregiver_id, 0), ifnull(scale, ''));

-- The parents' evaluation form. Questions are archived, never deleted, so a filled-in form keeps
-- its question; a scale question runs 1–5 between two end labels.
CREATE TABLE evaluation_questions (
  id           INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL CHECK (kind IN ('scale', 'open')),
  text         TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
  low_label    TEXT    NOT NULL DEFAULT '' CHECK (length(low_label) <= 60),
  high_label   TEXT    NOT NULL DEFAULT '' CHECK (length(high_label) <= 60),
  position     INTEGER NOT NULL DEFAULT 0,
  archived_at  TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  CHECK (kind = 'scale' OR (low_label = '' AND high_label = ''))
);

-- One form per family, pseudonymous: it names the family's id only, never a parent.
CREATE TABLE evaluation_forms (
  id          INTEGER PRIMARY KEY,
  family_id   INTEGER NOT NULL UNIQUE REFERENCES families (id) ON DELETE CASCADE,
  filled_on   TEXT    NOT NULL CHECK (filled_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);

CREATE TABLE evaluation_answers (
  form_id      INTEGER NOT NULL REFERENCES evaluation_forms (id) ON DELETE CASCADE,
  question_id  INTEGER NOT NULL REFERENCES evaluation_questions (id),
  value        INTEGER CHECK (value IS NULL OR (typeof(value) = 'integer' AND value BETWEEN 1 AND 5)),
  text         TEXT    NOT NULL DEFAULT '' CHECK (length(text) <= 4000),
  updated_at   TEXT    NOT NULL,
  PRIMARY KEY (form_id, question_id)
);
CREATE INDEX evaluation_answers_by_question ON evaluation_answers (question_id);

-- The default questions for parents who took part in the Ouder-baby interventie; the coordinator adapts them.
INSERT INTO evaluation_questions (kind, text, low_label, high_label, position, created_at, updated_at) VALUES
  ('scale', 'Ik vond het prettig om samen naar de filmpjes te kijken.', 'helemaal niet', 'heel erg', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('scale', 'Ik kijk nu anders naar mijn baby.', 'helemaal niet', 'heel erg', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('scale', 'Ik begrijp beter wat mijn baby mij wil laten weten.', 'helemaal niet', 'heel erg', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('scale', 'Ik voelde me gehoord door de begeleider.', 'helemaal niet', 'heel erg', 4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('scale', 'Ik zou de begeleiding aanraden aan andere ouders.', 'helemaal niet', 'heel erg', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('open', 'Wat heeft u het meest geholpen?', '', '', 6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('open', 'Wat wilt u ons nog zeggen?', '', '', 7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

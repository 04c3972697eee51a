-- Afstemming schema 4: fragments — the team's tag set (labels), the mentalizing questions, and
-- time-coded fragments of a recording with their tags and answers.
-- Blindness is not stored here: fragment reads filter through features/rounds/blindness.ts.

-- The team's tag set. Tags are archived, never deleted, so old fragments keep their meaning.
CREATE TABLE tags (
  id           INTEGER PRIMARY KEY,
  -- Unique over archived tags too: exports and imports (CSV, ELAN) identify a tag by its name.
  -- '|' is the separator of several tags in one exported cell or ELAN annotation.
  name         TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 60 AND instr(name, '|') = 0),
  color        TEXT    NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  shortcut     INTEGER CHECK (shortcut IS NULL OR (typeof(shortcut) = 'integer' AND shortcut BETWEEN 1 AND 9)),
  description  TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  position     INTEGER NOT NULL DEFAULT 0,
  archived_at  TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);
-- A shortcut key belongs to at most one active tag; an archived tag lets go of it.
CREATE UNIQUE INDEX tags_one_active_shortcut ON tags (shortcut) WHERE shortcut IS NOT NULL AND archived_at IS NULL;

-- The mentalizing questions asked with a fragment in video feedback. Archived, never deleted,
-- so answers on old fragments stay readable with their question. The text is unique (archived
-- ones included) because an ELAN export names a question's tier by it.
CREATE TABLE mentalizing_questions (
  id           INTEGER PRIMARY KEY,
  text         TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(text) BETWEEN 1 AND 300),
  position     INTEGER NOT NULL DEFAULT 0,
  archived_at  TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);

-- A span [start, end] of a recording (a point when start = end), owned by the rater who marked it.
-- Frames are stored next to milliseconds, computed from the recording's rational frame rate when
-- the fragment is written (shared/domain/frames.ts), so exports and frame stepping agree.
CREATE TABLE fragments (
  id            INTEGER PRIMARY KEY,
  recording_id  INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  rater_id      INTEGER NOT NULL REFERENCES raters (id),
  -- NULL: about the interaction in general rather than one caregiver. No ON DELETE clause on
  -- purpose: deleting a family removes caregivers and recordings (so fragments) in one statement.
  caregiver_id  INTEGER REFERENCES caregivers (id),
  start_ms      INTEGER NOT NULL CHECK (typeof(start_ms) = 'integer' AND start_ms >= 0),
  end_ms        INTEGER NOT NULL CHECK (typeof(end_ms) = 'integer' AND end_ms >= start_ms),
  start_frame   INTEGER NOT NULL CHECK (start_frame >= 0),
  end_frame     INTEGER NOT NULL CHECK (end_frame >= start_frame),
  note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 20000),
  for_feedback  INTEGER NOT NULL DEFAULT 0 CHECK (for_feedback IN (0, 1)),
  origin        TEXT    NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'eaf')),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  -- Soft delete, so the editor's undo can bring a fragment back exactly (same id, tags, answers).
  deleted_at    TEXT
);
CREATE INDEX fragments_by_recording ON fragments (recording_id, start_ms) WHERE deleted_at IS NULL;
CREATE INDEX fragments_by_rater ON fragments (rater_id, recording_id);
CREATE INDEX fragments_deleted ON fragments (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE fragment_tags (
  fragment_id  INTEGER NOT NULL REFERENCES fragments (id) ON DELETE CASCADE,
  tag_id       INTEGER NOT NULL REFERENCES tags (id),
  PRIMARY KEY (fragment_id, tag_id)
);
CREATE INDEX fragment_tags_by_tag ON fragment_tags (tag_id);

CREATE TABLE fragment_answers (
  fragment_id  INTEGER NOT NULL REFERENCES fragments (id) ON DELETE CASCADE,
  question_id  INTEGER NOT NULL REFERENCES mentalizing_questions (id),
  answer       TEXT    NOT NULL CHECK (length(answer) BETWEEN 1 AND 5000),
  PRIMARY KEY (fragment_id, question_id)
);

-- The default tag set of the Ouder-baby interventie; the coordinator adapts it to the team.
INSERT INTO tags (name, color, shortcut, description, position, created_at, updated_at) VALUES
  ('contactinitiatief baby', '#56b4e9', 1, 'De baby zoekt contact: kijkt, lacht, strekt de armen uit of maakt geluid naar de ouder.', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('sensitieve reactie', '#009e73', 2, 'De ouder merkt een signaal van de baby op, begrijpt het en reageert er snel en passend op.', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('gemist signaal', '#e69f00', 3, 'Een signaal van de baby blijft onopgemerkt of krijgt geen passende reactie.', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('interferentie', '#d55e00', 4, 'De ouder onderbreekt of stuurt wat de baby doet, zonder af te stemmen op wat de baby wil.', 4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('coöperatie', '#0072b2', 5, 'De ouder stemt het eigen handelen af op het tempo en het initiatief van de baby.', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('positief moment voor feedback', '#f0e442', 6, 'Een moment om in de videofeedback samen met de ouder terug te kijken.', 6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('oogcontact', '#cc79a7', 7, 'Ouder en baby kijken elkaar aan.', 7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('troosten', '#882255', 8, 'De ouder troost de baby bij onrust, huilen of ongemak.', 8, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('plezier/spel', '#44aa99', 9, 'Ouder en baby spelen samen of beleven samen plezier.', 9, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

INSERT INTO mentalizing_questions (text, position, created_at, updated_at) VALUES
  ('Wat zie je?', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('Hoe is dit voor jou als ouder?', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('Wat denk je dat je baby voelt?', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

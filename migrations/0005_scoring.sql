-- Afstemming schema 5: scoring — versioned anchor texts, score sheets with their scores, the
-- submit/reopen history, and the intervisie meeting's discussion notes and consensus scores.
-- Blindness is not stored here: it follows from rounds.revealed_at (see features/rounds/blindness.ts).

-- The anchor texts of the odd points per scale. Editing makes a new version; a score keeps the id
-- of the version that was on screen, so a later edit never changes what a rater was shown.
CREATE TABLE anchor_versions (
  id          INTEGER PRIMARY KEY,
  scale       TEXT    NOT NULL CHECK (scale IN ('sensitivity', 'cooperation')),
  version     INTEGER NOT NULL CHECK (version >= 1),
  -- {"1"|"3"|"5"|"7"|"9": {"nl": {"title", "text"}, "en"?: {"title", "text"}}}
  texts_json  TEXT    NOT NULL CHECK (json_valid(texts_json)),
  created_at  TEXT    NOT NULL,
  created_by  INTEGER REFERENCES raters (id),
  UNIQUE (scale, version)
);

-- One sheet per rater, recording and round (NULL = practice, "niet blind"). Submitting locks the
-- whole sheet: both scales for every caregiver in view.
CREATE TABLE score_sheets (
  id            INTEGER PRIMARY KEY,
  rater_id      INTEGER NOT NULL REFERENCES raters (id),
  recording_id  INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  round_id      INTEGER REFERENCES rounds (id) ON DELETE CASCADE,
  -- Stored rather than derived so exports and statistics can filter on it without a join;
  -- the check keeps it honest.
  blind         INTEGER NOT NULL CHECK (blind = (round_id IS NOT NULL)),
  status        TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at  TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
-- ifnull: a UNIQUE constraint treats NULLs as distinct, which would allow two practice sheets.
CREATE UNIQUE INDEX score_sheets_one_per_context ON score_sheets (rater_id, recording_id, ifnull(round_id, 0));
CREATE INDEX score_sheets_by_recording ON score_sheets (recording_id);
CREATE INDEX score_sheets_by_round ON score_sheets (round_id, recording_id);

-- One row per caregiver and scale on a sheet; a row may hold only a rationale while it is a draft.
CREATE TABLE scores (
  sheet_id           INTEGER NOT NULL REFERENCES score_sheets (id) ON DELETE CASCADE,
  caregiver_id       INTEGER NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
  scale              TEXT    NOT NULL CHECK (scale IN ('sensitivity', 'cooperation')),
  value              INTEGER CHECK (value IS NULL OR (typeof(value) = 'integer' AND value BETWEEN 1 AND 9)),
  rationale          TEXT    NOT NULL DEFAULT '' CHECK (length(rationale) <= 20000),
  anchor_version_id  INTEGER REFERENCES anchor_versions (id),
  updated_at         TEXT    NOT NULL,
  PRIMARY KEY (sheet_id, caregiver_id, scale)
);

-- A submitted sheet is locked in the database too, so no code path can change it without a reopen.
CREATE TRIGGER scores_locked_insert BEFORE INSERT ON scores
WHEN (SELECT status FROM score_sheets WHERE id = NEW.sheet_id) = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'score sheet is submitted');
END;

CREATE TRIGGER scores_locked_update BEFORE UPDATE ON scores
WHEN (SELECT status FROM score_sheets WHERE id = OLD.sheet_id) = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'score sheet is submitted');
END;

-- Every submit and every reopen (with its reason), append-only.
CREATE TABLE score_sheet_events (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  sheet_id  INTEGER NOT NULL REFERENCES score_sheets (id) ON DELETE CASCADE,
  kind      TEXT    NOT NULL CHECK (kind IN ('submitted', 'reopened')),
  reason    TEXT    NOT NULL DEFAULT '',
  at        TEXT    NOT NULL,
  rater_id  INTEGER REFERENCES raters (id)
);
CREATE INDEX score_sheet_events_by_sheet ON score_sheet_events (sheet_id, id);

CREATE TRIGGER score_sheet_events_no_update BEFORE UPDATE ON score_sheet_events
BEGIN
  SELECT RAISE(ABORT, 'score_sheet_events is append-only');
END;

-- General notes of a round for the minutes (who was there, agreements about the scale use).
ALTER TABLE rounds ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- The meeting: per round, recording, caregiver and scale a discussion note and a consensus score.
CREATE TABLE round_items (
  round_id         INTEGER NOT NULL,
  recording_id     INTEGER NOT NULL,
  caregiver_id     INTEGER NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
  scale            TEXT    NOT NULL CHECK (scale IN ('sensitivity', 'cooperation')),
  discussion       TEXT    NOT NULL DEFAULT '' CHECK (length(discussion) <= 20000),
  consensus_value  INTEGER CHECK (consensus_value IS NULL OR (typeof(consensus_value) = 'integer' AND consensus_value BETWEEN 1 AND 9)),
  consensus_at     TEXT,
  consensus_by     INTEGER REFERENCES raters (id),
  updated_at       TEXT    NOT NULL,
  PRIMARY KEY (round_id, recording_id, caregiver_id, scale),
  FOREIGN KEY (round_id, recording_id) REFERENCES round_recordings (round_id, recording_id) ON DELETE CASCADE
);

-- Who agreed with a consensus score.
CREATE TABLE consensus_agreements (
  round_id      INTEGER NOT NULL,
  recording_id  INTEGER NOT NULL,
  caregiver_id  INTEGER NOT NULL,
  scale         TEXT    NOT NULL,
  rater_id      INTEGER NOT NULL REFERENCES raters (id),
  PRIMARY KEY (round_id, recording_id, caregiver_id, scale, rater_id),
  FOREIGN KEY (round_id, recording_id, caregiver_id, scale)
    REFERENCES round_items (round_id, recording_id, caregiver_id, scale) ON DELETE CASCADE
);

-- Version 1 of the anchor texts: the paraphrase of SCALES.md (shared/domain/scales.ts holds the
-- same texts; a unit test keeps the two equal).
INSERT INTO anchor_versions (scale, version, texts_json, created_at, created_by) VALUES (
  'sensitivity', 1, json_object(
    '9', json_object(
      'nl', json_object('title', 'Zeer sensitief', 'text', 'Ziet ook kleine signalen, begrijpt ze vanuit het perspectief van de baby en reageert snel en passend; interacties worden samen afgerond, beiden tevreden.'),
      'en', json_object('title', 'Highly sensitive', 'text', 'Notices even subtle signals, reads them from the baby''s point of view and answers quickly and fittingly; exchanges are completed to both partners'' satisfaction.')),
    '7', json_object(
      'nl', json_object('title', 'Sensitief', 'text', 'Leest de meeste signalen goed en reageert meestal op tijd en passend; mist soms een subtiel signaal, maar zonder het beeld van de baby te vertekenen.'),
      'en', json_object('title', 'Sensitive', 'text', 'Reads most signals correctly and usually answers in time and fittingly; misses some subtle cues, without distorting what the baby means.')),
    '5', json_object(
      'nl', json_object('title', 'Wisselend sensitief', 'text', 'Soms goed afgestemd, soms niet; oplettendheid voor signalen wisselt, of reacties zijn goed bedoeld maar komen te laat of passen maar half.'),
      'en', json_object('title', 'Inconsistently sensitive', 'text', 'Attuned at times, not at others; attention to signals fluctuates, or responses are well meant but late or only partly fitting.')),
    '3', json_object(
      'nl', json_object('title', 'Insensitief', 'text', 'Reageert vaak niet, te laat of niet passend op signalen; de eigen stemming, wensen of bezigheden van de ouder sturen de interactie meer dan de baby.'),
      'en', json_object('title', 'Insensitive', 'text', 'Often fails to answer signals, or answers late or unfittingly; the caregiver''s own mood, wishes or activities steer the interaction more than the baby does.')),
    '1', json_object(
      'nl', json_object('title', 'Zeer insensitief', 'text', 'Handelt vrijwel alleen vanuit eigen wensen en stemming; signalen van de baby worden genegeerd, verkeerd gelezen of pas beantwoord als ze niet meer te negeren zijn.'),
      'en', json_object('title', 'Highly insensitive', 'text', 'Acts almost only from own wishes and mood; the baby''s signals are ignored, misread, or answered only once they can no longer be ignored.'))
  ), '2026-01-01T00:00:00.000Z', NULL);

INSERT INTO anchor_versions (scale, version, texts_json, created_at, created_by) VALUES (
  'cooperation', 1, json_object(
    '9', json_object(
      'nl', json_object('title', 'Opvallend coöperatief', 'text', 'Ziet de baby als iemand met eigen wensen en bezigheden; onderbreekt zelden, en als sturen nodig is gebeurt dat zacht, op het goede moment, of door de omgeving aan te passen.'),
      'en', json_object('title', 'Conspicuously cooperative', 'text', 'Treats the baby as a person with own wishes and activities; rarely interrupts, and when steering is needed does it gently, at the right moment, or by arranging the surroundings.')),
    '7', json_object(
      'nl', json_object('title', 'Coöperatief', 'text', 'Vermijdt meestal onderbreken; stuurt soms zonder aanleiding van de baby, maar probeert dat mild en goed getimed te doen.'),
      'en', json_object('title', 'Cooperative', 'text', 'Mostly avoids interrupting; sometimes steers without a cue from the baby, but tries to do it mildly and well timed.')),
    '5', json_object(
      'nl', json_object('title', 'Wisselend', 'text', 'Coöperatie en interferentie wisselen elkaar af; ingrepen zijn soms slecht getimed of fysiek onderbrekend.'),
      'en', json_object('title', 'Mixed', 'text', 'Cooperation and interference alternate; interventions are sometimes badly timed or physically interrupting.')),
    '3', json_object(
      'nl', json_object('title', 'Interfererend', 'text', 'Onderbreekt vaak en zonder rekening te houden met wat de baby doet; fysiek ingrijpen komt regelmatig voor.'),
      'en', json_object('title', 'Interfering', 'text', 'Interrupts often, without regard for what the baby is doing; physical interference is common.')),
    '1', json_object(
      'nl', json_object('title', 'Sterk interfererend', 'text', 'Legt de eigen wil voortdurend op; geen poging om ingrepen af te stemmen op de bezigheid of stemming van de baby.'),
      'en', json_object('title', 'Highly interfering', 'text', 'Constantly imposes own will; no attempt to fit interventions to the baby''s activity or mood.'))
  ), '2026-01-01T00:00:00.000Z', NULL);


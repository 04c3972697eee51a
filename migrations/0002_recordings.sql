-- Afstemming schema 2: the media library, recordings of home visits, and the persistent media job queue.

-- One row per distinct file in the library, stored under its SHA-256: the same clip imported twice
-- (or into two families) is stored once.
CREATE TABLE media_files (
  sha256      TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
  file_name   TEXT    NOT NULL UNIQUE,
  size        INTEGER NOT NULL CHECK (size > 0),
  probe_json  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);

-- Files derived from a library file: the playable version (remux or proxy), the thumbnail sprite
-- and the audio peaks. They follow the media file, not a recording, so they are made once.
CREATE TABLE media_derivatives (
  media_sha256  TEXT NOT NULL REFERENCES media_files (sha256) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('playable', 'sprite', 'peaks')),
  file_name     TEXT NOT NULL UNIQUE,
  meta_json     TEXT NOT NULL DEFAULT '{}',
  created_at    TEXT NOT NULL,
  PRIMARY KEY (media_sha256, kind)
);

CREATE TABLE recordings (
  id              INTEGER PRIMARY KEY,
  family_id       INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  visit_id        INTEGER NOT NULL REFERENCES visits (id) ON DELETE RESTRICT,
  media_sha256    TEXT    NOT NULL REFERENCES media_files (sha256),
  original_name   TEXT    NOT NULL CHECK (length(original_name) <= 255),
  activity        TEXT    NOT NULL CHECK (activity IN ('bad', 'voeden', 'verschonen', 'spelen', 'anders')),
  moment          TEXT    NOT NULL CHECK (moment IN ('voormeting', 'nameting', 'follow-up', 'geen')),
  recorded_on     TEXT    NOT NULL CHECK (recorded_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  playback_plan   TEXT    NOT NULL CHECK (playback_plan IN ('as_is', 'remux', 'proxy')),
  plan_reason     TEXT    NOT NULL,
  duration_ms     INTEGER NOT NULL CHECK (duration_ms > 0),
  -- The real frame rate as a fraction (30000/1001 is not 29.97), so frame steps stay exact.
  fps_num         INTEGER NOT NULL CHECK (fps_num > 0),
  fps_den         INTEGER NOT NULL CHECK (fps_den > 0),
  width           INTEGER NOT NULL,
  height          INTEGER NOT NULL,
  notes           TEXT    NOT NULL DEFAULT '',
  created_at      TEXT    NOT NULL,
  created_by      INTEGER REFERENCES raters (id)
);
CREATE INDEX recordings_by_family ON recordings (family_id, recorded_on);
CREATE INDEX recordings_by_media ON recordings (media_sha256);

-- Which caregivers are in view in a recording (and can therefore be scored in it).
CREATE TABLE recording_caregivers (
  recording_id  INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  caregiver_id  INTEGER NOT NULL REFERENCES caregivers (id) ON DELETE RESTRICT,
  PRIMARY KEY (recording_id, caregiver_id)
);
CREATE INDEX recording_caregivers_by_caregiver ON recording_caregivers (caregiver_id);

-- Where each rater stopped watching, so the player resumes there.
CREATE TABLE playback_positions (
  recording_id  INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  rater_id      INTEGER NOT NULL REFERENCES raters (id) ON DELETE CASCADE,
  position_ms   INTEGER NOT NULL CHECK (position_ms >= 0),
  updated_at    TEXT    NOT NULL,
  PRIMARY KEY (recording_id, rater_id)
);

-- The persistent media job queue. A job that was `running` when the app died is re-queued at the
-- next start. `family_id` lets an erasure find every output a job made for that family.
CREATE TABLE media_jobs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  media_sha256  TEXT    REFERENCES media_files (sha256) ON DELETE CASCADE,
  recording_id  INTEGER REFERENCES recordings (id) ON DELETE CASCADE,
  family_id     INTEGER REFERENCES families (id) ON DELETE CASCADE,
  params_json   TEXT    NOT NULL DEFAULT '{}',
  progress      REAL    NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  eta_ms        INTEGER,
  output_file   TEXT,
  error         TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  created_by    INTEGER REFERENCES raters (id)
);
CREATE INDEX media_jobs_by_status ON media_jobs (status, id);
CREATE INDEX media_jobs_by_media ON media_jobs (media_sha256);

-- Afstemming schema 3: scoring rounds (scoringsrondes) and the monthly intervisie meeting.
-- A round fixes which raters score which recordings blind; until it is revealed nobody sees anyone
-- else's scores, rationales or fragments on those recordings.

CREATE TABLE rounds (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  held_on      TEXT    NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  -- 'meeting' is a round held in the monthly intervisie meeting (with discussion and consensus).
  kind         TEXT    NOT NULL CHECK (kind IN ('round', 'meeting')),
  reveal_rule  TEXT    NOT NULL CHECK (reveal_rule IN ('all_submitted', 'coordinator')),
  revealed_at  TEXT,
  revealed_by  INTEGER REFERENCES raters (id),
  created_at   TEXT    NOT NULL,
  created_by   INTEGER REFERENCES raters (id)
);

CREATE TABLE round_recordings (
  round_id      INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  recording_id  INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, recording_id)
);
CREATE INDEX round_recordings_by_recording ON round_recordings (recording_id);

CREATE TABLE round_raters (
  round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  rater_id  INTEGER NOT NULL REFERENCES raters (id),
  PRIMARY KEY (round_id, rater_id)
);
CREATE INDEX round_raters_by_rater ON round_raters (rater_id);

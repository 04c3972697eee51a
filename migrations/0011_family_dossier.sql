-- Afstemming schema 11: the family's dossier, first part (issue 16): the phases it entered with
-- their dates, the aanmelding's structured fields, and the begeleider's logbook with agreements.
-- Never edit this file after it has landed; add a new migration instead.
--
-- families.phase stays the current phase (lists, filters and trends read it); family_phases says
-- since when. Aanmelding has no row: it starts at families.referral_date. A phase ends where the
-- next row starts. Every table names family_id, so erasure (erasure-repository.ts) finds them all.

CREATE TABLE family_phases (
  family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  phase       TEXT    NOT NULL CHECK (phase IN ('introductie', 'begeleiding', 'evaluatie', 'follow-up', 'afgesloten')),
  started_on  TEXT    NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  recorded_by INTEGER REFERENCES raters (id),
  recorded_at TEXT    NOT NULL,
  PRIMARY KEY (family_id, phase)
);

-- A family already past aanmelding: its phase started at its first visit in that phase, or, when
-- there is none, at the aanmelding (the earliest date the rules allow; the team can correct it).
INSERT INTO family_phases (family_id, phase, started_on, recorded_by, recorded_at)
SELECT f.id, f.phase,
       COALESCE((SELECT min(v.date) FROM visits v WHERE v.family_id = f.id AND v.phase = f.phase AND v.date >= f.referral_date), f.referral_date),
       NULL, f.updated_at
FROM families f
WHERE f.phase <> 'aanmelding';

-- One row per family once something of its aanmelding was typed; no row reads as all empty.
CREATE TABLE family_intakes (
  family_id        INTEGER PRIMARY KEY REFERENCES families (id) ON DELETE CASCADE,
  referrer         TEXT    NOT NULL DEFAULT '' CHECK (length(referrer) <= 120),
  indication       TEXT    CHECK (indication IS NULL OR indication IN ('psychiatrisch', 'lvb', 'beide', 'anders')),
  indication_note  TEXT    NOT NULL DEFAULT '' CHECK (length(indication_note) <= 200),
  high_stress      INTEGER NOT NULL DEFAULT 0 CHECK (high_stress IN (0, 1)),
  high_stress_note TEXT    NOT NULL DEFAULT '' CHECK (length(high_stress_note) <= 500),
  unsafe           INTEGER NOT NULL DEFAULT 0 CHECK (unsafe IN (0, 1)),
  unsafe_note      TEXT    NOT NULL DEFAULT '' CHECK (length(unsafe_note) <= 500),
  -- A coordinator's decision to go on despite the contra-indications checked at that moment.
  override_reason  TEXT    CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 1000),
  override_stress  INTEGER CHECK (override_stress IS NULL OR override_stress IN (0, 1)),
  override_unsafe  INTEGER CHECK (override_unsafe IS NULL OR override_unsafe IN (0, 1)),
  override_by      INTEGER REFERENCES raters (id),
  override_at      TEXT,
  updated_at       TEXT    NOT NULL,
  CHECK ((override_reason IS NULL) = (override_at IS NULL))
);

CREATE TABLE logbook_entries (
  id          INTEGER PRIMARY KEY,
  family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  entry_date  TEXT    NOT NULL CHECK (entry_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  text        TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  -- NULL: an ordinary entry; otherwise an agreement with the parents and what became of it.
  agreement   TEXT    CHECK (agreement IS NULL OR agreement IN ('open', 'nagekomen', 'niet-nagekomen', 'vervallen')),
  written_by  INTEGER REFERENCES raters (id),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);
CREATE INDEX logbook_entries_by_family ON logbook_entries (family_id, entry_date);

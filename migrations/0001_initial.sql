-- Afstemming schema 1: raters, families with caregivers and home visits, the access log.
-- Never edit this file after it has landed: add a new numbered migration instead.

CREATE TABLE raters (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  initials    TEXT    NOT NULL CHECK (length(initials) BETWEEN 1 AND 6),
  role        TEXT    NOT NULL CHECK (role IN ('rater', 'coordinator')),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT    NOT NULL
);

CREATE TABLE families (
  id                INTEGER PRIMARY KEY,
  code              TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
  baby_birth_month  TEXT    NOT NULL CHECK (baby_birth_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  referral_date     TEXT    NOT NULL CHECK (referral_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  phase             TEXT    NOT NULL CHECK (phase IN ('aanmelding', 'introductie', 'begeleiding', 'evaluatie', 'follow-up', 'afgesloten')),
  notes             TEXT    NOT NULL DEFAULT '',
  created_at        TEXT    NOT NULL,
  created_by        INTEGER REFERENCES raters (id),
  updated_at        TEXT    NOT NULL
);

CREATE TABLE caregivers (
  id         INTEGER PRIMARY KEY,
  family_id  INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  role       TEXT    NOT NULL CHECK (role IN ('moeder', 'vader', 'partner', 'anders')),
  label      TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 60)
);
CREATE INDEX caregivers_by_family ON caregivers (family_id);

CREATE TABLE visits (
  id         INTEGER PRIMARY KEY,
  family_id  INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  phase      TEXT    NOT NULL CHECK (phase IN ('aanmelding', 'introductie', 'begeleiding', 'evaluatie', 'follow-up')),
  notes      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX visits_by_family ON visits (family_id, date);

-- Settings of this workstation (e.g. who was the last active rater).
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- NEN 7513-style access log. No foreign keys on purpose: a row must outlive the family and the
-- rater it names, so it keeps their code and name as they were at the time.
CREATE TABLE access_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT    NOT NULL,
  rater_id     INTEGER,
  rater_name   TEXT,
  rater_role   TEXT,
  family_id    INTEGER,
  family_code  TEXT,
  action       TEXT    NOT NULL,
  outcome      TEXT    NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
  detail       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX access_log_by_family ON access_log (family_id, id);
CREATE INDEX access_log_by_rater ON access_log (rater_id, id);

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;

CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;

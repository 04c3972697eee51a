-- Who is who at a shared workstation: each rater profile is protected by a PIN or password.
-- Only a slow-KDF hash is stored (scrypt$N$r$p$salt$hash); wrong attempts are counted here so a
-- restart does not reset a lockout. A profile without a row (made before this migration) chooses
-- its secret at its next sign-in.
CREATE TABLE rater_secrets (
  rater_id         INTEGER PRIMARY KEY REFERENCES raters (id),
  secret_hash      TEXT    NOT NULL CHECK (secret_hash LIKE 'scrypt$%'),
  -- 1 after a coordinator set a start PIN or reset it, or after a promotion to coordinator:
  -- the person chooses their own before they can do anything else.
  must_change      INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
  failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until     TEXT,
  changed_at       TEXT    NOT NULL
);

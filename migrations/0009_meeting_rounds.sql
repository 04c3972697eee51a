-- Afstemming schema 9: rounds that keep raters blind to the measurement moment, with neutral clip codes.
-- Never edit this file after it has landed; add a new migration instead.

-- While such a round is not revealed, raters see "Clip A", "Clip B" … instead of the family code,
-- the date and voormeting/nameting/follow-up, in an order of their own; the moment comes with the scores.
ALTER TABLE rounds ADD COLUMN blind_moment INTEGER NOT NULL DEFAULT 0 CHECK (blind_moment IN (0, 1));

-- The neutral code of a recording within one round (a letter, shuffled when the round is made).
ALTER TABLE round_recordings ADD COLUMN neutral_code TEXT CHECK (neutral_code IS NULL OR neutral_code GLOB '[A-Z]*');
CREATE UNIQUE INDEX round_recordings_neutral_code ON round_recordings (round_id, neutral_code) WHERE neutral_code IS NOT NULL;

-- Afstemming schema 13: the video-feedback session of a home visit (issue 16): the fragments the
-- begeleider watches with the parents in that visit, in her order, each with a caption written for
-- the parents, and the parents' own words per fragment and mentalizing question.
-- Never edit this file after it has landed; add a new migration instead.
--
-- Not fragment_answers: those belong to a fragment (the rater's reading of it, exported with it),
-- while the parents' words belong to one conversation; a fragment watched in two visits gets words
-- in each. Both tables name family_id, so erasure (erasure-repository.ts) finds them directly.
-- A fragment that is removed for good (after its undo day) takes its item and words with it; a
-- fragment that is only soft-deleted keeps them, so its undo brings the item back too.

CREATE TABLE feedback_items (
  id           INTEGER PRIMARY KEY,
  visit_id     INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  family_id    INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  fragment_id  INTEGER NOT NULL REFERENCES fragments (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  caption      TEXT    NOT NULL CHECK (length(caption) BETWEEN 1 AND 200),
  chosen_by    INTEGER REFERENCES raters (id),
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  UNIQUE (visit_id, fragment_id)
);
CREATE INDEX feedback_items_by_visit ON feedback_items (visit_id, position);
CREATE INDEX feedback_items_by_fragment ON feedback_items (fragment_id);

CREATE TABLE feedback_words (
  item_id      INTEGER NOT NULL REFERENCES feedback_items (id) ON DELETE CASCADE,
  question_id  INTEGER NOT NULL REFERENCES mentalizing_questions (id),
  family_id    INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  words        TEXT    NOT NULL CHECK (length(words) BETWEEN 1 AND 5000),
  updated_at   TEXT    NOT NULL,
  PRIMARY KEY (item_id, question_id)
);

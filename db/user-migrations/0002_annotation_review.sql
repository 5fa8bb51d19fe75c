-- Annotations, second version: keep what a fuzzy re-anchor replaced, so the review list can
-- show the words the user highlighted next to the words the annotation now sits on.
ALTER TABLE annotations ADD COLUMN quote_original TEXT;  -- NULL unless re-anchoring changed it
CREATE INDEX annotations_creator ON annotations(creator);

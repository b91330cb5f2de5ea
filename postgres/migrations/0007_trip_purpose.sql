-- What each trip stop was for, read from its remark at ingest (ingest's
-- purpose reader): the purpose, for multilateral stops the organisation or
-- series and the kind of meeting, and the words that decided it. '' where
-- there is none (foreign leaders' visits, and rows of an ingest before this
-- migration, until the next ingest replaces them). No index: a purpose
-- filter rides on the role or country index, and each index costs about a
-- tenth of an ingest.
ALTER TABLE trips ADD COLUMN purpose text NOT NULL DEFAULT '';
ALTER TABLE trips ADD COLUMN organization text NOT NULL DEFAULT '';
ALTER TABLE trips ADD COLUMN meeting text NOT NULL DEFAULT '';
ALTER TABLE trips ADD COLUMN purpose_evidence text NOT NULL DEFAULT '';

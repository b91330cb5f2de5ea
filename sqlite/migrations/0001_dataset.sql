-- The dataset: replaced whole by each ingest (see ReplaceDataset).

-- One row per successful ingest; the newest row is the Version served.
-- id is a plain INTEGER PRIMARY KEY (no AUTOINCREMENT) so that a rolled-back
-- ingest does not use up a number.
CREATE TABLE data_version (
	id          INTEGER PRIMARY KEY,
	ingested_at TEXT    NOT NULL, -- RFC 3339, UTC
	source      TEXT    NOT NULL,
	trips       INTEGER NOT NULL
);

CREATE TABLE regions (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	description TEXT NOT NULL
);

-- region is not a foreign key: "" means no bureau, and the decoder may know
-- a country's bureau before the regions table lists it.
CREATE TABLE countries (
	iso    TEXT PRIMARY KEY,
	name   TEXT NOT NULL,
	region TEXT NOT NULL,
	ids    TEXT -- JSON array of record ids, NULL for none
);

CREATE TABLE travelers (
	id   TEXT PRIMARY KEY,
	name TEXT NOT NULL
);

-- Terms are rows rather than a column because Travelers filters and orders
-- by the first term in a role.
CREATE TABLE terms (
	traveler_id TEXT    NOT NULL REFERENCES travelers (id),
	seq         INTEGER NOT NULL,
	role        TEXT    NOT NULL,
	start_date  TEXT    NOT NULL, -- YYYY-MM-DD
	end_date    TEXT    NOT NULL, -- YYYY-MM-DD, '' while in office
	PRIMARY KEY (traveler_id, seq)
);
CREATE INDEX terms_role ON terms (role, start_date);

-- year is the start's year, kept as a column so that filters and YearCounts
-- use an index instead of parsing dates.
--
-- country and traveler_id carry no REFERENCES: a foreign key makes SQLite
-- delete the old trips row by row instead of truncating the table, a quarter
-- of the time of an ingest. ReplaceDataset validates every reference before
-- it writes, and IntegrityCheck verifies them.
CREATE TABLE trips (
	role          TEXT    NOT NULL,
	id            INTEGER NOT NULL,
	source_ids    TEXT    NOT NULL, -- comma-separated, ascending
	traveler_id   TEXT,             -- NULL for foreign leaders
	traveler_name TEXT    NOT NULL,
	start_date    TEXT    NOT NULL,
	end_date      TEXT    NOT NULL,
	year          INTEGER NOT NULL,
	country       TEXT    NOT NULL,
	country_id    TEXT    NOT NULL,
	country_name  TEXT    NOT NULL,
	locale        TEXT    NOT NULL,
	remarks       TEXT    NOT NULL,
	PRIMARY KEY (role, id)
);
-- One index serves a country's trips, the per-role counts of Countries and,
-- read in full, YearCounts of a role, all without touching the table. Each
-- index costs about a tenth of an ingest, hence only two.
CREATE INDEX trips_country_role_year ON trips (country, role, year);
CREATE INDEX trips_traveler ON trips (traveler_id);

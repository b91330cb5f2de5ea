-- The dataset: replaced whole by each ingest (see ReplaceDataset).
--
-- Text that the store orders by is COLLATE "C" (byte order), so that lists
-- come out in the same order as from SQLite whatever the server's locale.

-- One row per successful ingest; the newest row is the Version served. id is
-- not a sequence: ReplaceDataset takes MAX(id) + 1 under a table lock, so that
-- a rolled-back ingest does not use up a number.
CREATE TABLE data_version (
	id          bigint      PRIMARY KEY,
	ingested_at timestamptz NOT NULL,
	source      text        NOT NULL,
	trips       integer     NOT NULL
);

CREATE TABLE regions (
	id          text COLLATE "C" PRIMARY KEY,
	name        text NOT NULL,
	description text NOT NULL
);

-- region is not a foreign key: "" means no bureau.
CREATE TABLE countries (
	iso    text COLLATE "C" PRIMARY KEY,
	name   text COLLATE "C" NOT NULL,
	region text NOT NULL,
	ids    text[] -- record ids, NULL for none
);

CREATE TABLE travelers (
	id   text COLLATE "C" PRIMARY KEY,
	name text NOT NULL
);

-- Terms are rows because Travelers filters and orders by the first term in a role.
CREATE TABLE terms (
	traveler_id text COLLATE "C" NOT NULL REFERENCES travelers (id),
	seq         integer NOT NULL,
	role        text    NOT NULL,
	start_date  date,
	end_date    date, -- NULL while in office
	PRIMARY KEY (traveler_id, seq)
);
CREATE INDEX terms_role ON terms (role, start_date);

-- year is the start's year, a column so that filters and YearCounts use an
-- index. country and traveler_id are not foreign keys, as in the SQLite
-- schema: ReplaceDataset validates every reference before it writes, a
-- foreign key would cost a lookup per copied row, and IntegrityCheck
-- verifies the references.
CREATE TABLE trips (
	role          text COLLATE "C" NOT NULL,
	id            bigint   NOT NULL,
	source_ids    bigint[] NOT NULL,
	traveler_id   text COLLATE "C", -- NULL for foreign leaders
	traveler_name text     NOT NULL,
	start_date    date     NOT NULL,
	end_date      date     NOT NULL,
	year          integer  NOT NULL,
	country       text COLLATE "C" NOT NULL,
	country_id    text     NOT NULL,
	country_name  text     NOT NULL,
	locale        text     NOT NULL,
	remarks       text     NOT NULL,
	PRIMARY KEY (role, id)
);
CREATE INDEX trips_country_role_year ON trips (country, role, year);
CREATE INDEX trips_traveler ON trips (traveler_id);

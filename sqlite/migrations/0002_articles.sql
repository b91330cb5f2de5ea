-- Articles are not part of the dataset: ingests never touch them, so nothing
-- here refers to the dataset's tables.
CREATE TABLE articles (
	slug       TEXT PRIMARY KEY,
	title      TEXT NOT NULL,
	date       TEXT NOT NULL, -- YYYY-MM-DD, '' if not given
	summary    TEXT NOT NULL,
	image      TEXT NOT NULL,
	image_alt  TEXT NOT NULL,
	caption    TEXT NOT NULL,
	body       TEXT NOT NULL,
	html       TEXT NOT NULL,
	tag        TEXT, -- JSON, NULL when unset
	quote      TEXT, -- JSON, NULL when unset
	insight    TEXT, -- JSON, NULL when unset
	source     TEXT NOT NULL,
	updated_at TEXT NOT NULL -- RFC 3339, UTC
);
CREATE INDEX articles_date ON articles (date DESC, slug);

CREATE TABLE article_countries (
	slug TEXT    NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
	seq  INTEGER NOT NULL,
	iso  TEXT    NOT NULL,
	PRIMARY KEY (slug, seq)
);
CREATE INDEX article_countries_iso ON article_countries (iso, slug);

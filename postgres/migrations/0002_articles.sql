-- Articles are not part of the dataset: ingests never touch them.
CREATE TABLE articles (
	slug       text COLLATE "C" PRIMARY KEY,
	title      text NOT NULL,
	date       date, -- NULL if not given
	summary    text NOT NULL,
	image      text NOT NULL,
	image_alt  text NOT NULL,
	caption    text NOT NULL,
	body       text NOT NULL,
	html       text NOT NULL,
	tag        jsonb,
	quote      jsonb,
	insight    jsonb,
	source     text NOT NULL,
	updated_at timestamptz NOT NULL
);
CREATE INDEX articles_date ON articles (date DESC NULLS LAST, slug);

CREATE TABLE article_countries (
	slug text COLLATE "C" NOT NULL REFERENCES articles (slug) ON DELETE CASCADE,
	seq  integer NOT NULL,
	iso  text COLLATE "C" NOT NULL,
	PRIMARY KEY (slug, seq)
);
CREATE INDEX article_countries_iso ON article_countries (iso, slug);

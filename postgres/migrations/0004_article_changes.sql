-- article_changes names the article each change counted by article_version
-- was made to, so that a server sharing this database drops exactly the pages
-- that show it. The newest 1000 changes are kept: a server further behind
-- than that drops every page that shows articles.
CREATE TABLE article_changes (n BIGINT PRIMARY KEY, slug TEXT NOT NULL);
CREATE OR REPLACE FUNCTION bump_article_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v BIGINT;
	s TEXT;
BEGIN
	UPDATE article_version SET n = n + 1 RETURNING n INTO v;
	IF TG_OP = 'DELETE' THEN
		s := OLD.slug;
	ELSE
		s := NEW.slug;
	END IF;
	INSERT INTO article_changes (n, slug) VALUES (v, s);
	DELETE FROM article_changes WHERE n <= v - 1000;
	RETURN NULL;
END
$$;

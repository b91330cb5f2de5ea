-- article_version counts every change to the articles, so that servers
-- sharing this database notice another's edit with the same cheap query that
-- tells them of a new dataset (Version). A row trigger, so that a statement
-- that changes nothing (deleting a missing slug) leaves the count alone.
CREATE TABLE article_version (n BIGINT NOT NULL);
INSERT INTO article_version (n) VALUES (0);
CREATE FUNCTION bump_article_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE article_version SET n = n + 1;
	RETURN NULL;
END
$$;
CREATE TRIGGER articles_changed AFTER INSERT OR UPDATE OR DELETE ON articles
	FOR EACH ROW EXECUTE FUNCTION bump_article_version();

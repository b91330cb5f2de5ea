-- article_changes names the article each change counted by article_version
-- was made to, so that a server sharing this database drops exactly the pages
-- that show it. The newest 1000 changes are kept: a server further behind
-- than that drops every page that shows articles.
CREATE TABLE article_changes (n INTEGER PRIMARY KEY, slug TEXT NOT NULL);
DROP TRIGGER articles_inserted;
DROP TRIGGER articles_updated;
DROP TRIGGER articles_deleted;
CREATE TRIGGER articles_inserted AFTER INSERT ON articles BEGIN
	UPDATE article_version SET n = n + 1;
	INSERT INTO article_changes (n, slug) SELECT n, NEW.slug FROM article_version;
	DELETE FROM article_changes WHERE n <= (SELECT n FROM article_version) - 1000;
END;
CREATE TRIGGER articles_updated AFTER UPDATE ON articles BEGIN
	UPDATE article_version SET n = n + 1;
	INSERT INTO article_changes (n, slug) SELECT n, NEW.slug FROM article_version;
	DELETE FROM article_changes WHERE n <= (SELECT n FROM article_version) - 1000;
END;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
	UPDATE article_version SET n = n + 1;
	INSERT INTO article_changes (n, slug) SELECT n, OLD.slug FROM article_version;
	DELETE FROM article_changes WHERE n <= (SELECT n FROM article_version) - 1000;
END;

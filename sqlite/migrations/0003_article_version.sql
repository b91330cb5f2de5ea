-- article_version counts every change to the articles, so that servers
-- sharing this database notice another's edit with the same cheap query that
-- tells them of a new dataset (Version). Triggers keep it exact whatever
-- statement changes an article.
CREATE TABLE article_version (n INTEGER NOT NULL);
INSERT INTO article_version (n) VALUES (0);
CREATE TRIGGER articles_inserted AFTER INSERT ON articles BEGIN UPDATE article_version SET n = n + 1; END;
CREATE TRIGGER articles_updated AFTER UPDATE ON articles BEGIN UPDATE article_version SET n = n + 1; END;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN UPDATE article_version SET n = n + 1; END;

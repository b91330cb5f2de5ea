-- The order every trip list is read in (start date, role, id), as an index:
-- /api/v1/trips pages through it with LIMIT and OFFSET, and without the
-- index each page sorted all the trips again (about 11 ms a page on SQLite
-- with the real data, most of the time a page took).
CREATE INDEX trips_order ON trips (start_date, role, id);

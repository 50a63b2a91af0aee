-- placeholder: filled by the catalog schema work
CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY, name TEXT NOT NULL);

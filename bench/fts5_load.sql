-- SQLite FTS5 index of the Reuters corpus, loaded by the sqlite3 CLI from
-- bench/convert.py fts5's CSV:  sqlite3 DB -cmd ".import --csv CSV docs" < fts5_load.sql
-- (bench/bench.py writes the .import line in).  The fields news-index indexes:
-- title and body (full positions, Porter stemming over unicode61), the code
-- lists as text columns for filters, id and date (YYYY-MM-DD) stored only.
CREATE VIRTUAL TABLE docs USING fts5(
  id UNINDEXED, date UNINDEXED, title, body, people, places, orgs, topics, exchanges,
  tokenize = 'porter unicode61');
-- @IMPORT@
-- merge the b-tree segments into one, as a finished index would be
INSERT INTO docs(docs) VALUES('optimize');

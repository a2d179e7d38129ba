-- Hand-written, as 0002_review_search.sql: what reader search and the staff title search need on
-- PostgreSQL beyond the tables (drizzle-kit cannot express extensions, text search
-- configurations or expression indexes on functions). Both extensions ship with PostgreSQL's
-- contrib and are trusted (PostgreSQL 13+): the database's owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Reader search (db/reviews/search-index-postgres.ts, db/queries/search.ts): the `simple`
-- configuration (no stemming, no stop words, as FTS5's unicode61 tokenizer) with `unaccent` in
-- front of it for the word tokens, so "Amelie" finds "Amélie" as remove_diacritics does on
-- SQLite. A configuration rather than unaccent() around the text: ts_headline then cuts
-- snippets from the text as written and still highlights "Amélie" for a search of "amelie".
CREATE TEXT SEARCH CONFIGURATION "simple_unaccent" (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "simple_unaccent"
	ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart
	WITH unaccent, simple;
--> statement-breakpoint
-- Rows written before this migration (db:copy) were built with plain `simple`: rebuild their
-- documents as db/reviews/search-index-postgres.ts (searchVector) now builds them.
UPDATE "review_search" SET "document" =
	setweight(to_tsvector('simple_unaccent', "headline"), 'A') ||
	setweight(to_tsvector('simple_unaccent', "work_title"), 'A') ||
	setweight(to_tsvector('simple_unaccent', "people"), 'B') ||
	setweight(to_tsvector('simple_unaccent', "dek"), 'C') ||
	setweight(to_tsvector('simple_unaccent', "body"), 'D');
--> statement-breakpoint
-- The staff title search (db/queries/admin-reviews.ts), the counterpart of
-- drizzle/sqlite/0006_admin_search.sql's two FTS5 indexes over the headline and the work title
-- of `reviews` (kept by PostgreSQL itself, so no triggers). unaccent() is only STABLE (it reads
-- a dictionary named at run time), and an index expression must be IMMUTABLE: this wrapper
-- binds the dictionary when it is created (a SQL-standard body is parsed then).
CREATE FUNCTION "immutable_unaccent"(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
	SELECT unaccent('unaccent'::regdictionary, $1);
END;
--> statement-breakpoint
-- Three characters or more: found anywhere in either title (ILIKE '%…%'), as the trigram FTS5
-- index finds them, case and accents ignored.
CREATE INDEX "reviews_title_trgm_idx" ON "reviews" USING gin (
	"immutable_unaccent"("headline") gin_trgm_ops,
	"immutable_unaccent"("work_title") gin_trgm_ops
);
--> statement-breakpoint
-- One or two characters, too short for trigrams: titles with a word that starts with them, as
-- the FTS5 word index with its prefix indexes finds them.
CREATE INDEX "reviews_title_words_idx" ON "reviews" USING gin (
	to_tsvector('simple_unaccent', "headline" || ' ' || "work_title")
);

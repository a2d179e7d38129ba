-- Hand-written, the PostgreSQL side of drizzle/0004_search.sql: the reader search index, one row
-- per published review, kept out of db/schema-postgres.ts as the FTS5 table is kept out of
-- db/schema.ts (so the two schemas stay table-for-table alike). The text columns are FTS5's, in
-- its order, so snippets (ts_headline) read the same indexed text; `document` is their weighted
-- tsvector, written with them by the publishing transaction. Spoiler sections never reach `body`.
-- How `document` is built (configuration, unaccent, weights) is the search step's, not this one's.
CREATE TABLE "review_search" (
	"review_id" integer PRIMARY KEY NOT NULL,
	"headline" text NOT NULL,
	"work_title" text NOT NULL,
	"dek" text NOT NULL,
	"people" text NOT NULL,
	"body" text NOT NULL,
	"document" tsvector NOT NULL,
	-- SQLite needs a trigger to drop a review's row when it leaves the projection, because a
	-- virtual table takes no foreign key; here an ordinary cascade does it in the same statement.
	CONSTRAINT "review_search_review_id_published_reviews_review_id_fk" FOREIGN KEY ("review_id")
		REFERENCES "public"."published_reviews"("review_id") ON DELETE cascade ON UPDATE no action
);
--> statement-breakpoint
CREATE INDEX "review_search_document_gin_idx" ON "review_search" USING gin ("document");

-- Reader search (db/queries/search.ts): an FTS5 index over the published projection, one row per
-- published review, rowid = published_reviews.review_id. drizzle-kit cannot express virtual
-- tables, so this migration is written by hand. Rows are written by db/reviews/search-index.ts
-- inside the publishing transaction; `body` holds only the non-spoiler sections.
CREATE VIRTUAL TABLE `review_search` USING fts5(
	`headline`,
	`work_title`,
	`dek`,
	`people`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- A review leaves the projection by a DELETE of its published_reviews row (publishing again,
-- unpublishing, archiving) or by the cascade from deleting the review; foreign keys cannot
-- reach a virtual table, so this trigger removes its index row in the same transaction.
CREATE TRIGGER `published_reviews_search_delete` AFTER DELETE ON `published_reviews` BEGIN
	DELETE FROM `review_search` WHERE `rowid` = old.`review_id`;
END;

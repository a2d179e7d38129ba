-- The admin dashboard's title search (db/queries/admin-reviews.ts), written by hand like
-- 0004_search.sql: drizzle-kit cannot express virtual tables or triggers. Two FTS5 indexes over
-- the working copy's headline and work title in `reviews` (external content: they hold only the
-- index, the text stays in `reviews`), kept in step by the triggers below:
-- - review_title_trigrams (trigram tokenizer): a search of three or more characters finds them
--   anywhere in a title, as the LIKE '%…%' it replaces did, but from the index instead of
--   reading every review; case and accents are ignored.
-- - review_title_words (words, with prefix indexes of one and two characters): a search of one or
--   two characters, which trigrams cannot index, finds titles with a word that starts with it.
CREATE VIRTUAL TABLE `review_title_trigrams` USING fts5(
	`headline`,
	`work_title`,
	content = 'reviews',
	content_rowid = 'id',
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `review_title_words` USING fts5(
	`headline`,
	`work_title`,
	content = 'reviews',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2'
);
--> statement-breakpoint
INSERT INTO `review_title_trigrams` (`review_title_trigrams`) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO `review_title_words` (`review_title_words`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `reviews_titles_insert` AFTER INSERT ON `reviews` BEGIN
	INSERT INTO `review_title_trigrams` (`rowid`, `headline`, `work_title`)
		VALUES (new.`id`, new.`headline`, new.`work_title`);
	INSERT INTO `review_title_words` (`rowid`, `headline`, `work_title`)
		VALUES (new.`id`, new.`headline`, new.`work_title`);
END;
--> statement-breakpoint
-- External-content indexes are told what to remove: the old values, exactly as indexed.
CREATE TRIGGER `reviews_titles_delete` AFTER DELETE ON `reviews` BEGIN
	INSERT INTO `review_title_trigrams` (`review_title_trigrams`, `rowid`, `headline`, `work_title`)
		VALUES ('delete', old.`id`, old.`headline`, old.`work_title`);
	INSERT INTO `review_title_words` (`review_title_words`, `rowid`, `headline`, `work_title`)
		VALUES ('delete', old.`id`, old.`headline`, old.`work_title`);
END;
--> statement-breakpoint
-- Every save rewrites the working-copy summary; only a changed title touches the indexes.
CREATE TRIGGER `reviews_titles_update` AFTER UPDATE OF `headline`, `work_title` ON `reviews`
WHEN old.`headline` IS NOT new.`headline` OR old.`work_title` IS NOT new.`work_title` BEGIN
	INSERT INTO `review_title_trigrams` (`review_title_trigrams`, `rowid`, `headline`, `work_title`)
		VALUES ('delete', old.`id`, old.`headline`, old.`work_title`);
	INSERT INTO `review_title_trigrams` (`rowid`, `headline`, `work_title`)
		VALUES (new.`id`, new.`headline`, new.`work_title`);
	INSERT INTO `review_title_words` (`review_title_words`, `rowid`, `headline`, `work_title`)
		VALUES ('delete', old.`id`, old.`headline`, old.`work_title`);
	INSERT INTO `review_title_words` (`rowid`, `headline`, `work_title`)
		VALUES (new.`id`, new.`headline`, new.`work_title`);
END;

CREATE TABLE `published_media` (
	`review_id` integer NOT NULL,
	`media_id` integer NOT NULL,
	PRIMARY KEY(`review_id`, `media_id`),
	FOREIGN KEY (`review_id`) REFERENCES `published_reviews`(`review_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `published_media_media_idx` ON `published_media` (`media_id`);--> statement-breakpoint
-- Backfill, written by hand: the images of the reviews already published, as publishRevision
-- (db/reviews/publish.ts, via lib/media/references.ts) records them from now on. Posters first.
INSERT OR IGNORE INTO `published_media` (`review_id`, `media_id`)
	SELECT `review_id`, `poster_media_id` FROM `published_reviews`
	WHERE `poster_media_id` IS NOT NULL;
--> statement-breakpoint
-- Then every image node in the published sections, found with SQLite's json_tree: a `src`
-- attribute (`…attrs.src`) of a node whose type is 'image', naming /media/<id>/<file> (the only
-- image address the rich-text validator lets a body hold). The cascade from published_reviews
-- covers the sections, so a section's review_id is always a published review.
INSERT OR IGNORE INTO `published_media` (`review_id`, `media_id`)
	SELECT s.`review_id`,
		CAST(substr(node.`value`, 8, instr(substr(node.`value`, 8), '/') - 1) AS INTEGER)
	FROM `sections` s, json_tree(s.`body`) node
	WHERE node.`key` = 'src'
		AND node.`type` = 'text'
		AND node.`path` LIKE '%.attrs'
		AND json_extract(s.`body`, substr(node.`path`, 1, length(node.`path`) - 6) || '.type') = 'image'
		AND node.`value` GLOB '/media/[1-9]*/*'
		AND substr(node.`value`, 8, instr(substr(node.`value`, 8), '/') - 1) NOT GLOB '*[^0-9]*';

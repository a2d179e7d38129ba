CREATE TABLE `working_media` (
	`review_id` integer NOT NULL,
	`media_id` integer NOT NULL,
	PRIMARY KEY(`review_id`, `media_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `working_media_media_idx` ON `working_media` (`media_id`);--> statement-breakpoint
-- Backfill, written by hand: the images of every review's newest revision, as
-- db/reviews/write.ts records them from now on (lib/media/references.ts). Posters first:
-- reviews.poster_media_id is the newest revision's poster.
INSERT OR IGNORE INTO `working_media` (`review_id`, `media_id`)
	SELECT `id`, `poster_media_id` FROM `reviews` WHERE `poster_media_id` IS NOT NULL;
--> statement-breakpoint
-- Then every image node of the newest revision's sections (the same test as 0007's for
-- published sections: a `src` attribute of an 'image' node naming /media/<id>/<file>).
INSERT OR IGNORE INTO `working_media` (`review_id`, `media_id`)
	SELECT r.`id`,
		CAST(substr(node.`value`, 8, instr(substr(node.`value`, 8), '/') - 1) AS INTEGER)
	FROM `reviews` r
	JOIN `review_revisions` rr ON rr.`review_id` = r.`id` AND rr.`version` = r.`version`,
		json_tree(rr.`content`, '$.sections') node
	WHERE node.`key` = 'src'
		AND node.`type` = 'text'
		AND node.`path` LIKE '%.attrs'
		AND json_extract(rr.`content`, substr(node.`path`, 1, length(node.`path`) - 6) || '.type') = 'image'
		AND node.`value` GLOB '/media/[1-9]*/*'
		AND substr(node.`value`, 8, instr(substr(node.`value`, 8), '/') - 1) NOT GLOB '*[^0-9]*';

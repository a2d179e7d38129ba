CREATE TABLE `review_presence` (
	`review_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `user_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_presence_seen_idx` ON `review_presence` (`last_seen_at`);
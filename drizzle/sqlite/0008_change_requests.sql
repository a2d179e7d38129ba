CREATE TABLE `change_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`version` integer NOT NULL,
	`requested_by` integer,
	`note` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "change_requests_note_check" CHECK(length("change_requests"."note") between 1 and 2000)
);
--> statement-breakpoint
CREATE INDEX `change_requests_review_idx` ON `change_requests` (`review_id`,`created_at`);
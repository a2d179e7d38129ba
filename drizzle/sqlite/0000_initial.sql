CREATE TABLE `credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`character` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `published_reviews`(`review_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "credits_role_check" CHECK("credits"."role" in ('director', 'cast', 'writer', 'cinematographer', 'composer', 'editor', 'producer')),
	CONSTRAINT "credits_character_check" CHECK("credits"."role" = 'cast' or "credits"."character" is null)
);
--> statement-breakpoint
CREATE INDEX `credits_review_position_idx` ON `credits` (`review_id`,`position`);--> statement-breakpoint
CREATE INDEX `credits_person_idx` ON `credits` (`person_id`);--> statement-breakpoint
CREATE TABLE `genres` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `genres_slug_unique` ON `genres` (`slug`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_slug_unique` ON `people` (`slug`);--> statement-breakpoint
CREATE TABLE `published_reviews` (
	`review_id` integer PRIMARY KEY NOT NULL,
	`revision_id` integer NOT NULL,
	`slug` text NOT NULL,
	`headline` text NOT NULL,
	`dek` text NOT NULL,
	`work_title` text NOT NULL,
	`original_title` text,
	`year` integer,
	`kind` text NOT NULL,
	`countries` text NOT NULL,
	`languages` text NOT NULL,
	`runtime_minutes` integer,
	`rating_value` real,
	`rating_scale` integer,
	`poster_media_id` integer,
	`author_id` integer,
	`published_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revision_id`) REFERENCES `review_revisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "published_reviews_kind_check" CHECK("published_reviews"."kind" in ('film', 'series'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `published_reviews_slug_unique` ON `published_reviews` (`slug`);--> statement-breakpoint
CREATE INDEX `published_reviews_published_idx` ON `published_reviews` (`published_at`);--> statement-breakpoint
CREATE TABLE `review_genres` (
	`review_id` integer NOT NULL,
	`genre_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`review_id`, `genre_id`),
	FOREIGN KEY (`review_id`) REFERENCES `published_reviews`(`review_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`genre_id`) REFERENCES `genres`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `review_genres_genre_idx` ON `review_genres` (`genre_id`);--> statement-breakpoint
CREATE TABLE `review_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`version` integer NOT NULL,
	`base_version` integer,
	`kind` text NOT NULL,
	`author_id` integer,
	`created_at` integer NOT NULL,
	`message` text,
	`content` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "review_revisions_kind_check" CHECK("review_revisions"."kind" in ('create', 'autosave', 'save', 'submit', 'publish', 'restore', 'import', 'seed')),
	CONSTRAINT "review_revisions_content_json_check" CHECK(json_valid("review_revisions"."content"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_revisions_review_version_unique` ON `review_revisions` (`review_id`,`version`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`headline` text DEFAULT '' NOT NULL,
	`dek` text DEFAULT '' NOT NULL,
	`work_title` text DEFAULT '' NOT NULL,
	`original_title` text,
	`year` integer,
	`kind` text DEFAULT 'film' NOT NULL,
	`countries` text DEFAULT '[]' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`runtime_minutes` integer,
	`rating_value` real,
	`rating_scale` integer,
	`poster_media_id` integer,
	`author_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	`scheduled_for` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`published_revision_id` integer,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_revision_id`) REFERENCES `review_revisions`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "reviews_status_check" CHECK("reviews"."status" in ('draft', 'in_review', 'scheduled', 'published', 'archived')),
	CONSTRAINT "reviews_kind_check" CHECK("reviews"."kind" in ('film', 'series')),
	CONSTRAINT "reviews_slug_format_check" CHECK("reviews"."slug" glob '[a-z0-9]*' and "reviews"."slug" not glob '*[^a-z0-9-]*'),
	CONSTRAINT "reviews_version_check" CHECK("reviews"."version" >= 1),
	CONSTRAINT "reviews_rating_check" CHECK(("reviews"."rating_value" is null and "reviews"."rating_scale" is null) or ("reviews"."rating_scale" > 0 and "reviews"."rating_value" between 0 and "reviews"."rating_scale")),
	CONSTRAINT "reviews_scheduled_check" CHECK("reviews"."status" <> 'scheduled' or "reviews"."scheduled_for" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_slug_unique` ON `reviews` (`slug`);--> statement-breakpoint
CREATE INDEX `reviews_status_updated_idx` ON `reviews` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `reviews_updated_idx` ON `reviews` (`updated_at`);--> statement-breakpoint
CREATE INDEX `reviews_author_updated_idx` ON `reviews` (`author_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `sections` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` integer NOT NULL,
	`kind` text NOT NULL,
	`heading` text NOT NULL,
	`body` text NOT NULL,
	`spoiler` integer DEFAULT false NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `published_reviews`(`review_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sections_kind_check" CHECK("sections"."kind" in ('plot', 'cast', 'direction', 'themes', 'reception', 'relevance', 'availability', 'verdict', 'custom')),
	CONSTRAINT "sections_body_json_check" CHECK(json_valid("sections"."body"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sections_review_position_unique` ON `sections` (`review_id`,`position`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('admin', 'editor', 'writer')),
	CONSTRAINT "users_email_lowercase_check" CHECK("users"."email" = lower(trim("users"."email")))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);
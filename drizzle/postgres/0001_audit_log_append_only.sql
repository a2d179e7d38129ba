-- Hand-written, as drizzle/0001_accounts.sql on SQLite: the audit log is append-only, enforced by
-- the database itself, so not even a bug in the app can rewrite history. drizzle-kit cannot
-- express triggers. The message is SQLite's, so both engines refuse in the same words.
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'raise_exception';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
--> statement-breakpoint
-- TRUNCATE fires no row trigger, and SQLite has no TRUNCATE to forbid: without this one,
-- PostgreSQL would offer a way around the two above.
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
	FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();

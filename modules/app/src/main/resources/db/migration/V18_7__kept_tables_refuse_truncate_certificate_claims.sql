-- Issue 18 item 9: the application's role owns its tables but is not a superuser, so the append-only triggers
-- hold against it. Submissions, their files and the grade history refused UPDATE and DELETE row by row (V11), but
-- TRUNCATE fires no row trigger: the owner could still empty them in one statement. Now it is refused as on
-- audit_event (V2), content_version (V8) and regulation_version (V15_3).
CREATE TRIGGER submission_no_truncate BEFORE TRUNCATE ON submission
  FOR EACH STATEMENT EXECUTE FUNCTION submission_is_kept();
CREATE TRIGGER submission_file_no_truncate BEFORE TRUNCATE ON submission_file
  FOR EACH STATEMENT EXECUTE FUNCTION submission_is_kept();
CREATE TRIGGER grade_change_no_truncate BEFORE TRUNCATE ON grade_change
  FOR EACH STATEMENT EXECUTE FUNCTION submission_is_kept();

-- Issue 18 item 10: every node resumes certificate batches; a batch of PDFs is claimed for a while before it is
-- rendered (completion.Certificates), so two nodes, or two runs on one node, never render and store one PDF twice.
ALTER TABLE certificate ADD COLUMN render_claimed_until TIMESTAMPTZ;

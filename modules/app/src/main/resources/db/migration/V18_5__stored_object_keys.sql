-- Issue 18 item 6: the store's reconciliation asks, a few hundred listed keys at a time, which keys a row names
-- (platform.storage.StoreReconciliation); an index on each key column answers that without reading the whole
-- table for every batch. course_media is small and named by (course, SHA-256): it is read as it is.
CREATE INDEX submission_file_object_key ON submission_file (object_key);
CREATE INDEX certificate_object_key ON certificate (object_key) WHERE object_key IS NOT NULL;
CREATE INDEX peer_support_version_object_key ON peer_support_version (object_key);
CREATE INDEX meeting_file_object_key ON meeting_file (object_key);
CREATE INDEX assignment_grade_feedback_key ON assignment_grade (feedback_key) WHERE feedback_key IS NOT NULL;
CREATE INDEX question_file_key ON question (file_key) WHERE file_key IS NOT NULL;

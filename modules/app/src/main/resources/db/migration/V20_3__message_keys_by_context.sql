-- Issue 20 item 1, one name per context: a message key's first word is now the context that owns what it names
-- (notice.grade is community.notice.grade, reminder.SUBMIT_ASSIGNMENT is cohorts.reminder.SUBMIT_ASSIGNMENT), as the
-- domain's and the app's packages and the templates' folders are named. Notices and reminders store the key of their
-- text and render it when shown or mailed, so the rows written before are renamed here too: none shows a raw key.
-- Each old first word maps to its new prefix; the new keys all start with a context's name, which no old family is,
-- so running this twice changes nothing. The families listed are every family the bundles had, not only those the
-- code stores today, so a key stored by an older release is covered as well.
CREATE TEMPORARY TABLE message_key_rename (old_prefix VARCHAR(40) PRIMARY KEY, new_prefix VARCHAR(60) NOT NULL);
INSERT INTO message_key_rename (old_prefix, new_prefix) VALUES
  ('admin.', 'platform.admin.'),
  ('app.', 'platform.app.'),
  ('assignment.', 'catalog.assignment.'),
  ('attempt.', 'assessment.attempt.'),
  ('audit.', 'platform.audit.'),
  ('certificate.', 'completion.certificate.'),
  ('cohort.', 'cohorts.cohort.'),
  ('course.', 'catalog.course.'),
  ('courses.', 'catalog.courses.'),
  ('credentials.', 'accounts.credentials.'),
  ('dashboard.', 'home.dashboard.'),
  ('error.', 'platform.error.'),
  ('evaluation.', 'completion.evaluation.'),
  ('exemption.', 'accounts.exemption.'),
  ('filekind.', 'platform.filekind.'),
  ('forgot.', 'accounts.forgot.'),
  ('form.', 'platform.form.'),
  ('grading.', 'assignments.grading.'),
  ('import.', 'accounts.import.'),
  ('layout.', 'platform.layout.'),
  ('learn.', 'learning.'),
  ('lecture.', 'catalog.lecture.'),
  ('level.', 'accounts.level.'),
  ('login.', 'accounts.login.'),
  ('mail.', 'platform.mail.'),
  ('media.', 'catalog.media.'),
  ('nav.', 'platform.nav.'),
  ('notice.', 'community.notice.'),
  ('org.', 'accounts.org.'),
  ('orgImport.', 'accounts.orgImport.'),
  ('paging.', 'platform.paging.'),
  ('password.', 'accounts.password.'),
  ('profile.', 'accounts.profile.'),
  ('questionForm.', 'catalog.questionForm.'),
  ('questions.', 'catalog.questions.'),
  ('quiz.', 'assessment.quiz.'),
  ('reminder.', 'cohorts.reminder.'),
  ('reports.', 'reporting.'),
  ('requests.', 'accounts.requests.'),
  ('reset.', 'accounts.reset.'),
  ('result.', 'completion.result.'),
  ('role.', 'accounts.role.'),
  ('roles.', 'accounts.roles.'),
  ('rubric.', 'catalog.rubric.'),
  ('runs.', 'cohorts.runs.'),
  ('school.', 'accounts.school.'),
  ('scope.', 'accounts.scope.'),
  ('selfStudy.', 'learning.selfStudy.'),
  ('spreadsheet.', 'platform.spreadsheet.'),
  ('submission.', 'assignments.submission.'),
  ('survey.', 'assessment.survey.'),
  ('surveyReport.', 'assessment.surveyReport.'),
  ('verify.', 'completion.verify.'),
  ('waiting.', 'platform.waiting.'),
  ('year.', 'completion.year.');

UPDATE notification n
SET message_key = m.new_prefix || substr(n.message_key, length(m.old_prefix) + 1)
FROM message_key_rename m
WHERE left(n.message_key, length(m.old_prefix)) = m.old_prefix;

UPDATE reminder r
SET message_key = m.new_prefix || substr(r.message_key, length(m.old_prefix) + 1)
FROM message_key_rename m
WHERE left(r.message_key, length(m.old_prefix)) = m.old_prefix;

DROP TABLE message_key_rename;

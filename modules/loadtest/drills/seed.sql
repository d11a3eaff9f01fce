-- Seeds the fault drills (run-drills.sh) into their own database: learners drill-00001 … drill-:N (password
-- "dien tap su co", BCrypt cost 4: logins are not what the drills measure), a course whose one lecture has a
-- 10-question single-answer quiz (unlimited attempts, no time limit), and a class that started yesterday with
-- every drill learner enrolled. The same shape as the quiz benchmarks' QuizLoad. Idempotent.
-- psql -v N=50 -f seed.sql
BEGIN;
INSERT INTO account (username, full_name, password_hash, must_change_password, activated_at)
SELECT 'drill-' || lpad(i::text, 5, '0'), 'Học viên diễn tập ' || i,
       '{bcrypt}$2a$04$FkOPe4uyzeumHOXimwynmOF2ukRIfXXax.eV0fnsTss4LZrIenqQ2', FALSE, now()
FROM generate_series(1, :N) i
ON CONFLICT (lower(username)) DO UPDATE SET password_hash = EXCLUDED.password_hash, must_change_password = FALSE;
INSERT INTO role_grant (account_id, role, scope_type)
SELECT id, 'LEARNER', 'PROVINCE' FROM account WHERE username LIKE 'drill-%' ON CONFLICT DO NOTHING;
INSERT INTO course (module_code, level, subject, title, source_dir, draft)
VALUES ('GV-02', 'ALL', 'Diễn tập', 'Khóa học diễn tập sự cố', 'drill-quiz', CAST(:'content' AS jsonb))
ON CONFLICT (source_dir) DO NOTHING;
INSERT INTO content_version (course_id, number, content)
SELECT id, 1, CAST(:'content' AS jsonb) FROM course WHERE source_dir = 'drill-quiz' ON CONFLICT DO NOTHING;
INSERT INTO cohort (course_id, module_code, content_version_id, name, start_date, regulation_version)
SELECT v.course_id, k.module_code, v.id, 'Lớp diễn tập sự cố', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1,
       (SELECT max(number) FROM regulation_version)
FROM content_version v JOIN course k ON k.id = v.course_id
WHERE k.source_dir = 'drill-quiz' AND NOT EXISTS (SELECT 1 FROM cohort WHERE name = 'Lớp diễn tập sự cố');
INSERT INTO enrollment (cohort_id, account_id, kind)
SELECT h.id, a.id, 'MAIN' FROM cohort h, account a
WHERE h.name = 'Lớp diễn tập sự cố' AND a.username LIKE 'drill-%' ON CONFLICT DO NOTHING;
COMMIT;

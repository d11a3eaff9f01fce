-- The national benchmark data set (issue 16, item 4), generated inside PostgreSQL with INSERT ... SELECT
-- generate_series. Run by generate.sh on a database the app has just migrated (Flyway) and loaded content/ into;
-- never on a deployment's database (generate.sh refuses one whose name does not contain "national").
--
--   psql -v scale=1 -f national.sql   (scale 1: 63 provinces, 700 district offices, 40,000 schools,
--                                      1,200,000 accounts, 3,600,000 enrollments; 0.01 for a quick check)
--
-- A deployment is one province: V2 has a unique index (org_unit_one_department) allowing one department. This
-- database holds the whole country, so it is dropped here, in this database only (see generate.sh).
--
-- The school year is the one today belongs to, with four runs per province placed relative to today:
--   GV-01    started 75-71 days ago  (settled: evaluated, completed or not, certificates issued)
--   GV-02    started 40-36 days ago  (settled; teachers)
--   CBQL-02  started 40-36 days ago  (settled; the principals, one per school)
--   GV-03    started 13-2 days ago   (in progress: day 3 to 14 of 15, some not started, some behind)
-- Every account has three enrollments: teachers GV-01, GV-02, GV-03; principals GV-01, CBQL-02, GV-03.
-- GV-02 and CBQL-02 use the versions the app loaded from content/courses; GV-01 and GV-03 have no folder there,
-- so their courses are published here as copies of the GV-02 version (same lectures, quizzes, survey).
\set ON_ERROR_STOP on
\timing on
SET client_min_messages = warning;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
SET synchronous_commit = off;
-- Bulk load: foreign keys and the append-only triggers are not fired (every reference is built to exist).
SET session_replication_role = replica;
SELECT setseed(0.16);

DROP SCHEMA IF EXISTS national CASCADE;
CREATE SCHEMA national;

CREATE TABLE national.param AS
SELECT :scale::float8 AS scale,
       CASE WHEN :scale::float8 >= 1 THEN 63 ELSE greatest(2, round(63 * :scale::float8))::int END AS provinces,
       greatest(4, round(700 * :scale::float8))::int AS districts,
       greatest(40, round(40000 * :scale::float8))::int AS schools,
       greatest(1200, round(1200000 * :scale::float8))::int AS accounts,
       (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS today;
ALTER TABLE national.param ADD COLUMN sy text;
UPDATE national.param SET sy = CASE WHEN extract(month FROM today) >= 9 THEN extract(year FROM today)::int
                                    ELSE extract(year FROM today)::int - 1 END::text || '-'
                               || CASE WHEN extract(month FROM today) >= 9 THEN extract(year FROM today)::int + 1
                                       ELSE extract(year FROM today)::int END::text;

DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM enrollment;
  IF n > 0 THEN
    RAISE EXCEPTION 'the database already holds % enrollments: generate into a fresh database (generate.sh does)', n;
  END IF;
  IF (SELECT count(*) FROM content_version v JOIN course c ON c.id = v.course_id
      WHERE c.source_dir IN ('gv-02-thcs', 'cbql-02-thcs')) < 2 THEN
    RAISE EXCEPTION 'the courses of content/ are not loaded: start the app once on this database first';
  END IF;
END $$;

DROP INDEX IF EXISTS org_unit_one_department;

-- Secondary indexes of the tables loaded in bulk are dropped now and rebuilt at the end (faster than maintaining
-- them row by row); primary keys and unique constraints stay (rows arrive in key order).
CREATE TABLE national.dropped_index AS
SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = 'public'
  AND i.tablename IN ('account', 'role_grant', 'enrollment', 'cohort_group', 'lecture_progress', 'quiz_attempt',
                      'submission', 'certificate', 'report_unit', 'report_person', 'report_cohort', 'report_enrollment')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
  AND i.indexdef NOT LIKE 'CREATE UNIQUE%';
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexname FROM national.dropped_index LOOP
    EXECUTE format('DROP INDEX public.%I', r.indexname);
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Courses: the loaded GV-02 and CBQL-02 versions, and GV-01 / GV-03 published as copies of GV-02's.
INSERT INTO course (module_code, level, subject, title, draft)
SELECT m.code, 'ALL', 'Chung (mọi môn học)', m.title, c.draft
FROM training_module m, course c
WHERE m.code IN ('GV-01', 'GV-03') AND c.source_dir = 'gv-02-thcs';
INSERT INTO content_version (course_id, number, content, published_at)
SELECT k.id, 1, v.content, now() - interval '120 days'
FROM course k, course c JOIN content_version v ON v.course_id = c.id AND v.number = 1
WHERE k.module_code IN ('GV-01', 'GV-03') AND k.source_dir IS NULL AND c.source_dir = 'gv-02-thcs';

-- m: 1 GV-01, 2 GV-02, 3 CBQL-02, 4 GV-03; start: days before today of the earliest cohort.
CREATE TABLE national.module AS
SELECT t.m, t.code, t.back, k.id AS course_id, v.id AS version_id, v.content, tm.title, tm.periods
FROM (VALUES (1, 'GV-01', 75), (2, 'GV-02', 40), (3, 'CBQL-02', 40), (4, 'GV-03', 13)) AS t(m, code, back)
JOIN course k ON k.module_code = t.code AND (k.source_dir IN ('gv-02-thcs', 'cbql-02-thcs') OR k.source_dir IS NULL)
JOIN content_version v ON v.course_id = k.id AND v.number = 1
JOIN training_module tm ON tm.code = t.code;

-- Per module: its lectures in order (index 1..5), whether each is a video, and the paper an attempt shows.
CREATE TABLE national.lecture AS
SELECT mo.m, l.ord::int AS idx, l.value->>'id' AS lecture_id,
       coalesce(l.value->'media'->>'contentType', '') LIKE 'video/%' AS video,
       (SELECT jsonb_build_object('items', jsonb_agg(jsonb_build_object(
                 'questionId', q->>'id',
                 'choiceOrder', (SELECT jsonb_agg(g - 1) FROM generate_series(1, jsonb_array_length(q->'choices')) g),
                 'multiple', q->>'kind' = 'MULTIPLE') ORDER BY qo))
        FROM jsonb_array_elements(mo.content->'questions') WITH ORDINALITY AS x(q, qo)
        WHERE x.q->>'category' = l.value->>'quizCategory') AS paper,
       (SELECT array_agg(q->>'id' ORDER BY qo)
        FROM jsonb_array_elements(mo.content->'questions') WITH ORDINALITY AS x(q, qo)
        WHERE x.q->>'category' = l.value->>'quizCategory')::varchar(20)[] AS question_ids
FROM national.module mo, jsonb_array_elements(mo.content->'lectures') WITH ORDINALITY AS l(value, ord);

-- The survey's questions: agreement items (five levels, Rất đồng ý first) and the others.
CREATE TABLE national.survey AS
SELECT mo.m, x.qo::int AS idx, x.q->>'id' AS question_id, x.q->'choices'->0->>'text' = 'Rất đồng ý' AS agreement
FROM national.module mo, jsonb_array_elements(mo.content->'questions') WITH ORDINALITY AS x(q, qo)
WHERE x.q->>'category' = mo.content->>'surveyCategory';
ALTER TABLE national.survey ADD COLUMN rank int;
UPDATE national.survey s SET rank = r.rank
FROM (SELECT m, idx, count(*) FILTER (WHERE agreement) OVER (PARTITION BY m ORDER BY idx) AS rank FROM national.survey) r
WHERE r.m = s.m AND r.idx = s.idx AND s.agreement;

-- ---------------------------------------------------------------------------------------------------------------
-- Organisation: 63 departments (provinces), district offices, clusters of three schools, schools.
CREATE TABLE national.province AS
SELECT p, (SELECT coalesce(max(id), 0) FROM org_unit) + p AS id, name
FROM unnest(ARRAY['Hà Nội', 'Thành phố Hồ Chí Minh', 'Thanh Hóa', 'Nghệ An', 'Đồng Nai', 'Bình Dương', 'Hải Phòng',
  'An Giang', 'Đắk Lắk', 'Kiên Giang', 'Đồng Tháp', 'Gia Lai', 'Hải Dương', 'Thái Bình', 'Nam Định', 'Bắc Giang',
  'Long An', 'Tiền Giang', 'Quảng Nam', 'Bình Định', 'Lâm Đồng', 'Quảng Ninh', 'Bắc Ninh', 'Sơn La', 'Phú Thọ',
  'Thái Nguyên', 'Hà Tĩnh', 'Cần Thơ', 'Bến Tre', 'Cà Mau', 'Khánh Hòa', 'Quảng Ngãi', 'Hưng Yên', 'Vĩnh Phúc',
  'Tây Ninh', 'Sóc Trăng', 'Bình Thuận', 'Bà Rịa - Vũng Tàu', 'Đà Nẵng', 'Thừa Thiên Huế', 'Bình Phước', 'Ninh Bình',
  'Trà Vinh', 'Vĩnh Long', 'Quảng Bình', 'Hòa Bình', 'Lạng Sơn', 'Tuyên Quang', 'Yên Bái', 'Lào Cai', 'Hà Giang',
  'Phú Yên', 'Bạc Liêu', 'Hậu Giang', 'Điện Biên', 'Hà Nam', 'Ninh Thuận', 'Cao Bằng', 'Đắk Nông', 'Quảng Trị',
  'Kon Tum', 'Lai Châu', 'Bắc Kạn']) WITH ORDINALITY AS t(name, p)
WHERE p <= (SELECT provinces FROM national.param);

-- Province 1 (the largest) has 30 district offices, the others share the rest; q is how diligent a district is
-- (0..1), which moves its completion, pace and survey answers.
CREATE TABLE national.district AS
WITH n AS (SELECT districts, provinces, greatest(1, round(30 * scale))::int AS first FROM national.param)
SELECT k, (SELECT max(id) FROM national.province) + k AS id,
       CASE WHEN k <= n.first THEN 1 ELSE 2 + (k - n.first - 1) % (n.provinces - 1) END AS p,
       (CASE WHEN k <= n.first THEN 1.2 ELSE 1.0 END) * (0.7 + 0.6 * ((k * 0.6180339887) % 1)) AS weight,
       (k * 0.7548776662 + 0.3) % 1 AS q
FROM n, generate_series(1, n.districts) AS k;
ALTER TABLE national.district ADD COLUMN province_id bigint, ADD COLUMN name text;
UPDATE national.district d SET province_id = p.id FROM national.province p WHERE p.p = d.p;
UPDATE national.district d SET name = 'Phòng GD&ĐT số ' || lpad(n.r::text, 2, '0') || ' – ' || p.name
FROM (SELECT k, row_number() OVER (PARTITION BY p ORDER BY k) AS r FROM national.district) n, national.province p
WHERE n.k = d.k AND p.p = d.p;

-- Schools shared among districts by weight (exact total), numbered j in district order.
CREATE TABLE national.school AS
WITH w AS (SELECT k, weight, sum(weight) OVER (ORDER BY k) AS cum, sum(weight) OVER () AS tot FROM national.district),
     c AS (SELECT k, (floor(cum / tot * (SELECT schools FROM national.param))
                     - floor((cum - weight) / tot * (SELECT schools FROM national.param)))::int AS n FROM w)
SELECT (row_number() OVER (ORDER BY c.k, g))::int AS j, c.k, g AS nth
FROM c, generate_series(1, c.n) AS g;
ALTER TABLE national.school ADD COLUMN id bigint, ADD COLUMN cluster int, ADD COLUMN level text,
  ADD COLUMN weight float8;
UPDATE national.school SET id = (SELECT max(id) FROM national.district) + j,
  level = CASE WHEN j % 10 < 5 THEN 'PRIMARY' WHEN j % 10 < 8 THEN 'LOWER_SECONDARY' ELSE 'UPPER_SECONDARY' END,
  weight = 0.5 + ((j * 0.7548776662) % 1);
-- Clusters: every three schools of a district, numbered across the country.
CREATE TABLE national.cluster AS
SELECT (row_number() OVER (ORDER BY k, c))::int AS c, k, c AS nth FROM (
  SELECT DISTINCT k, (nth - 1) / 3 AS c FROM national.school) x;
ALTER TABLE national.cluster ADD COLUMN id bigint;
UPDATE national.cluster SET id = (SELECT max(id) FROM national.school) + c;
UPDATE national.school s SET cluster = c.c FROM national.cluster c WHERE c.k = s.k AND c.nth = (s.nth - 1) / 3;
CREATE UNIQUE INDEX ON national.school (j);

\echo '-- organisation'
INSERT INTO org_unit (id, kind, code, name, parent_id, cluster_id, levels, active)
SELECT id, 'DEPARTMENT', 'N-SO-' || lpad(p::text, 2, '0'), 'Sở Giáo dục và Đào tạo ' || name, NULL::bigint, NULL::bigint, '', TRUE
FROM national.province
UNION ALL
SELECT id, 'DISTRICT_OFFICE', 'N-PGD-' || lpad(k::text, 3, '0'), name, province_id, NULL::bigint, '', TRUE
FROM national.district
UNION ALL
SELECT c.id, 'CLUSTER', 'N-CUM-' || lpad(c.c::text, 5, '0'), 'Cụm trường ' || c.nth + 1 || ' – ' || d.name, d.id, NULL::bigint, '', TRUE
FROM national.cluster c JOIN national.district d ON d.k = c.k
UNION ALL
SELECT s.id, 'SCHOOL', 'N-TR-' || lpad(s.j::text, 5, '0'),
       CASE s.level WHEN 'PRIMARY' THEN 'Trường Tiểu học số ' WHEN 'LOWER_SECONDARY' THEN 'Trường THCS số '
                    ELSE 'Trường THPT số ' END || s.j,
       d.id, c.id, s.level, TRUE
FROM national.school s JOIN national.district d ON d.k = s.k JOIN national.cluster c ON c.c = s.cluster
ORDER BY 1;
SELECT setval('org_unit_id_seq', (SELECT max(id) FROM org_unit));

-- ---------------------------------------------------------------------------------------------------------------
-- Accounts, shared among schools by weight (exact total); the first of each school is its principal.
CREATE TABLE national.school_accounts AS
WITH w AS (SELECT j, weight, sum(weight) OVER (ORDER BY j) AS cum, sum(weight) OVER () AS tot FROM national.school)
SELECT j, (floor(cum / tot * (SELECT accounts FROM national.param))
          - floor((cum - weight) / tot * (SELECT accounts FROM national.param)))::int AS n,
       (floor((cum - weight) / tot * (SELECT accounts FROM national.param)))::int AS before
FROM w;

CREATE UNLOGGED TABLE national.account AS
SELECT (a.before + g)::int AS i, (SELECT coalesce(max(id), 0) FROM account) + a.before + g AS id,
       s.j, s.id AS school_id, d.id AS district_id, d.province_id, d.k, d.p, s.cluster, s.level, g = 1 AS manager,
       g = 2 AS first_teacher, d.q
FROM national.school_accounts a
JOIN national.school s ON s.j = a.j
JOIN national.district d ON d.k = s.k,
     generate_series(1, a.n) AS g;
CREATE UNIQUE INDEX ON national.account (i);

\echo '-- accounts'
INSERT INTO account (id, username, email, full_name, password_hash, must_change_password, enabled, created_at,
                     date_of_birth, school_id, level, position, main_subject, activated_at, updated_at)
SELECT a.id, 'gv' || lpad(a.i::text, 7, '0'), NULL,
       (ARRAY['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
              'Dương', 'Lý'])[1 + a.i % 16] || ' '
       || (ARRAY['Thị', 'Văn', 'Thị Thu', 'Đức', 'Thị Thanh', 'Minh', 'Thị Ngọc', 'Quang', 'Thị Hồng', 'Hữu',
                 'Thị Mai'])[1 + (a.i / 16) % 11] || ' '
       || (ARRAY['An', 'Bình', 'Chi', 'Dung', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiền', 'Hoa', 'Hùng', 'Hương', 'Lan',
                 'Linh', 'Loan', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Ngọc', 'Nhung', 'Phương', 'Quân', 'Sơn', 'Tâm',
                 'Thảo', 'Thủy', 'Trang', 'Tuấn', 'Vân', 'Yến'])[1 + (a.i / 176) % 32],
       NULL, FALSE, TRUE, now() - interval '300 days',
       date '1964-01-01' + ((a.i::bigint * 7919) % 13000)::int, a.school_id, a.level,
       CASE WHEN a.manager THEN 'MANAGER' ELSE 'TEACHER' END,
       CASE WHEN a.manager THEN 'Quản lý' ELSE (ARRAY['Toán', 'Ngữ văn', 'Tiếng Anh', 'Khoa học tự nhiên',
         'Lịch sử và Địa lí', 'Tin học', 'Giáo dục thể chất', 'Nghệ thuật'])[1 + a.i % 8] END,
       now() - interval '290 days', now() - interval '290 days'
FROM national.account a ORDER BY a.id;
SELECT setval('account_id_seq', (SELECT max(id) FROM account));

-- One exemption or reduction for about one teacher in a hundred (dashboards show them).
INSERT INTO exemption (account_id, school_year, kind, reason, set_at)
SELECT a.id, (SELECT sy FROM national.param),
       CASE WHEN a.i % 200 = 7 THEN 'EXEMPT' ELSE 'REDUCED' END,
       CASE WHEN a.i % 200 = 7 THEN 'Nghỉ hưu trong năm học' ELSE 'Nghỉ thai sản' END, now() - interval '80 days'
FROM national.account a WHERE a.i % 200 IN (7, 91) AND NOT a.manager;

-- ---------------------------------------------------------------------------------------------------------------
-- Runs (one per province and module), cohorts (one per district and module), groups (one per cluster; the
-- principals' CBQL-02 cohort of a district is one group).
CREATE TABLE national.run AS
SELECT p.p, mo.m, (SELECT coalesce(max(id), 0) FROM module_run) + (p.p - 1) * 4 + mo.m AS id,
       mo.code || ' – năm học ' || y.sy || ' – ' || p.name AS name, mo.code
FROM national.province p, national.module mo, (SELECT sy FROM national.param) y;
INSERT INTO module_run (id, module_code, name, created_at)
SELECT id, code, name, now() - interval '100 days' FROM national.run ORDER BY id;
SELECT setval('module_run_id_seq', (SELECT max(id) FROM module_run));

CREATE TABLE national.cohort AS
SELECT d.k, mo.m, (SELECT coalesce(max(id), 0) FROM cohort) + (d.k - 1) * 4 + mo.m AS id, r.id AS run_id,
       mo.course_id, mo.version_id,
       (SELECT today FROM national.param) - mo.back + CASE WHEN mo.m = 4 THEN d.k % 12 ELSE d.k % 5 END AS start_date,
       mo.code || ' – ' || d.name AS name
FROM national.district d JOIN national.module mo ON TRUE JOIN national.run r ON r.p = d.p AND r.m = mo.m;
INSERT INTO cohort (id, course_id, module_code, content_version_id, name, start_date, created_at, run_id, regulation_version)
SELECT h.id, h.course_id, mo.code, h.version_id, h.name, h.start_date, h.start_date - 10, h.run_id, 1
FROM national.cohort h JOIN national.module mo ON mo.m = h.m ORDER BY h.id;
SELECT setval('cohort_id_seq', (SELECT max(id) FROM cohort));

-- Groups of the teachers' modules: one per cluster and module (core teacher: the cluster's first school's first
-- teacher); the principals' cohort: one group per district (core manager: its first school's principal).
CREATE TABLE national.grp AS
SELECT (SELECT coalesce(max(id), 0) FROM cohort_group) + (c.c - 1) * 3 + mi.n AS id, c.c AS cluster, c.k, mi.m,
       c.id AS cluster_unit
FROM national.cluster c, (VALUES (1, 1), (2, 2), (3, 4)) AS mi(n, m)
UNION ALL
SELECT (SELECT coalesce(max(id), 0) FROM cohort_group) + (SELECT count(*) FROM national.cluster) * 3 + d.k, NULL,
       d.k, 3, NULL
FROM national.district d;
ALTER TABLE national.grp ADD COLUMN cohort_id bigint, ADD COLUMN core bigint, ADD COLUMN gkey int;
UPDATE national.grp SET gkey = coalesce(cluster, -k);
UPDATE national.grp g SET cohort_id = h.id FROM national.cohort h WHERE h.k = g.k AND h.m = g.m;
UPDATE national.grp g SET core = a.id
FROM national.school s JOIN national.account a ON a.j = s.j AND a.first_teacher
WHERE g.cluster IS NOT NULL AND s.cluster = g.cluster AND s.nth % 3 = 1;
UPDATE national.grp g SET core = a.id
FROM national.school s JOIN national.account a ON a.j = s.j AND a.manager
WHERE g.cluster IS NULL AND s.k = g.k AND s.nth = 1;
INSERT INTO cohort_group (id, cohort_id, cluster_id, core_teacher_id, created_at)
SELECT id, cohort_id, cluster_unit, core, now() - interval '100 days' FROM national.grp ORDER BY id;
SELECT setval('cohort_group_id_seq', (SELECT max(id) FROM cohort_group));

-- Role grants: every account learns at its school; principals; core teachers; then the benchmark's officials.
INSERT INTO role_grant (account_id, role, scope_type, scope_id, granted_at)
SELECT id, 'LEARNER', 'SCHOOL', school_id, now() - interval '290 days' FROM national.account ORDER BY id;
INSERT INTO role_grant (account_id, role, scope_type, scope_id, granted_at)
SELECT id, 'PRINCIPAL', 'SCHOOL', school_id, now() - interval '290 days' FROM national.account WHERE manager;
INSERT INTO role_grant (account_id, role, scope_type, scope_id, granted_at)
SELECT DISTINCT a.id, 'CORE_TEACHER', 'SCHOOL', a.school_id, now() - interval '100 days'
FROM national.grp g JOIN national.account a ON a.id = g.core;

-- ---------------------------------------------------------------------------------------------------------------
-- Enrollments and, per enrollment, what happened: decided once here, then written to every owner's table.
-- slot 1..3: teachers GV-01, GV-02, GV-03; principals GV-01, CBQL-02, GV-03.
CREATE UNLOGGED TABLE national.enr (
  id bigint, account_id bigint, i int, school_id bigint, district_id bigint, province_id bigint, k int, m int,
  cohort_id bigint, group_id bigint, core bigint, main boolean, start_date date, settled boolean, day int,
  mode text, ld int, qf int, survey boolean, pos int, sub boolean, graded boolean, grade numeric(3,1),
  self_study boolean, outcome varchar(14), missing varchar(200), u float8, bench boolean DEFAULT false
);

-- mode (settled runs): none (never started), lectures (stopped after 1-4 lectures), nosub (studied all, never
-- handed in), lowgrade (graded below 5), quizfail (a quiz below 5), complete. Shares move with the district's
-- and province's diligence: completion 93 % to 99.5 %.
\echo '-- enrollment plan'
INSERT INTO national.enr (id, account_id, i, school_id, district_id, province_id, k, m, cohort_id, group_id, core, main,
                          start_date, settled, day, mode, ld, qf, pos, grade, u)
SELECT x.id, x.account_id, x.i, x.school_id, x.district_id, x.province_id, x.k, x.m, x.cohort_id, x.group_id, x.core,
       x.main, x.start_date, x.settled, x.day, x.mode,
       CASE x.mode WHEN 'none' THEN 0 WHEN 'lectures' THEN 1 + floor(x.u3 * 4)::int WHEN 'progress' THEN
              least(5, greatest(1, floor((least(x.day, 5) + greatest(0, x.day - 5) * 0.5) * (0.5 + 0.7 * x.u3))::int))
            ELSE 5 END,
       CASE WHEN x.mode = 'quizfail' THEN 5 WHEN x.mode = 'progress' AND x.u4 < 0.04 THEN 1 ELSE 0 END,
       floor(5 * least(1, greatest(0, 0.72 + 0.25 * x.q + (x.u4 - 0.5) * 0.5)))::int,
       CASE WHEN x.mode = 'lowgrade' THEN round((2.0 + 2.9 * x.u3)::numeric, 1)
            ELSE round((5.5 + 4.5 * x.u3)::numeric, 1) END,
       x.u2
FROM (
  SELECT y.*,
         CASE WHEN NOT y.settled THEN
                CASE WHEN y.u1 < 0.02 + 0.10 * (1 - y.q) + CASE WHEN y.day <= 3 THEN 0.15 ELSE 0 END THEN 'none'
                     ELSE 'progress' END
              WHEN y.u1 < (1 - y.c) * 0.35 THEN 'none'
              WHEN y.u1 >= 1 - y.c THEN 'complete'
              WHEN y.u2 < 0.4 THEN 'lectures'
              WHEN y.u2 < 0.7 THEN 'nosub'
              WHEN y.u2 < 0.85 THEN 'lowgrade'
              ELSE 'quizfail' END AS mode
  FROM (
    SELECT e.*, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
           0.93 + 0.065 * (0.6 * e.q + 0.4 * ((e.p * 0.381966) % 1)) + CASE WHEN e.m = 1 THEN 0.01 ELSE 0 END AS c
    FROM (
      SELECT (SELECT coalesce(max(id), 0) FROM enrollment) + (a.i - 1)::bigint * 3 + s.slot AS id, a.id AS account_id,
             a.i, a.school_id, a.district_id, a.province_id, a.k, a.p, a.q, mi.m, h.id AS cohort_id, g.id AS group_id,
             g.core, ((a.i * 2654435761::bigint + s.slot * 97) % 1000) >= 30 AS main, h.start_date,
             mi.m <> 4 AS settled, (SELECT today FROM national.param) - h.start_date + 1 AS day
      FROM national.account a
      CROSS JOIN (VALUES (1), (2), (3)) AS s(slot)
      CROSS JOIN LATERAL (SELECT CASE s.slot WHEN 1 THEN 1 WHEN 2 THEN CASE WHEN a.manager THEN 3 ELSE 2 END
                                 ELSE 4 END AS m) mi
      JOIN national.cohort h ON h.k = a.k AND h.m = mi.m
      JOIN national.grp g ON g.m = mi.m AND g.gkey = CASE WHEN mi.m = 3 THEN -a.k ELSE a.cluster END
    ) e
  ) y
) x
ORDER BY x.id;

-- The benchmark's learners: 50 teachers of the largest district of province 1, their GV-03 class in progress and
-- not started, so each has every quiz still to take.
CREATE TABLE national.benchmark (key text PRIMARY KEY, value text);
INSERT INTO national.benchmark
SELECT 'district_id', d.id::text
FROM national.district d JOIN (SELECT k, count(*) AS n FROM national.account GROUP BY k) c ON c.k = d.k
WHERE d.p = 1 ORDER BY c.n DESC, d.k LIMIT 1;
UPDATE national.enr e SET bench = TRUE, mode = 'none', ld = 0, qf = 0, main = TRUE
WHERE e.id IN (SELECT e2.id FROM national.enr e2 JOIN national.account a ON a.id = e2.account_id
               WHERE e2.m = 4 AND e2.district_id = (SELECT value::bigint FROM national.benchmark WHERE key = 'district_id')
                 AND NOT a.manager AND NOT a.first_teacher
               ORDER BY e2.id LIMIT 50);

-- Derived: survey, submission, grading, self-study and, for settled runs, the outcome.
UPDATE national.enr SET
  -- the final survey is the main enrollments' (a reference enrollment's self-study has no survey item)
  survey = main AND CASE WHEN settled THEN mode NOT IN ('none', 'lectures')
                         ELSE ld = 5 AND day >= 6 AND (id * 40503) % 100 < 85 END,
  sub = main AND CASE WHEN settled THEN mode IN ('lowgrade', 'quizfail', 'complete')
                      ELSE ld = 5 AND day >= 9 AND (id * 7901) % 100 < least(100, (day - 8) * 20) END;
UPDATE national.enr SET graded = sub AND (settled OR (id * 3266489917) % 100 < (day - 8) * 14);
UPDATE national.enr SET self_study = ld = 5 AND qf = 0 AND (survey OR NOT main);
UPDATE national.enr SET
  outcome = CASE WHEN self_study AND graded AND grade >= 5 THEN 'COMPLETED' ELSE 'NOT_COMPLETED' END,
  missing = concat_ws(',', CASE WHEN NOT self_study THEN 'SELF_STUDY:PENDING' END,
                      CASE WHEN NOT graded THEN 'CORE_TEACHER:PENDING' WHEN grade < 5 THEN 'CORE_TEACHER:FAILED' END)
WHERE settled AND main;
UPDATE national.enr SET missing = '' WHERE missing IS NULL;
CREATE UNIQUE INDEX ON national.enr (id);
ANALYZE national.enr;

\echo '-- enrollments'
INSERT INTO enrollment (id, cohort_id, account_id, kind, created_at, group_id, registered_at)
SELECT id, cohort_id, account_id, CASE WHEN main THEN 'MAIN' ELSE 'REFERENCE' END,
       (start_date - 10)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', group_id,
       CASE WHEN ld > 0 THEN (start_date::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' END
FROM national.enr ORDER BY id;
SELECT setval('enrollment_id_seq', (SELECT max(id) FROM enrollment));

-- Lecture progress: lecture n studied on day n (videos fully watched, 120 s).
\echo '-- lecture progress'
INSERT INTO lecture_progress (enrollment_id, lecture_id, duration_s, watched, position_s, done_at, updated_at)
SELECT e.id, l.lecture_id, CASE WHEN l.video THEN 120 END,
       CASE WHEN l.video THEN decode('ffffffffffffffffffffffffffffff', 'hex') END,
       CASE WHEN l.video THEN 120 ELSE 0 END,
       t.at, t.at
FROM national.enr e
JOIN national.lecture l ON l.m = e.m AND l.idx <= e.ld
CROSS JOIN LATERAL (SELECT ((e.start_date + l.idx - 1)::timestamp + interval '19 hours'
                            + ((e.id % 180) * interval '1 minute')) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) t
ORDER BY e.id, l.lecture_id;

-- One graded attempt per quiz of a studied lecture (no answer rows), closing at the study deadline.
\echo '-- quiz attempts'
INSERT INTO quiz_attempt (enrollment_id, account_id, lecture_id, number, paper, question_ids, started_at, closes_at,
                          state, finished_at, closed_by, score)
SELECT e.id, e.account_id, l.lecture_id, 1, l.paper, l.question_ids, t.at + interval '30 minutes',
       (e.start_date + 15)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', 'FINISHED', t.at + interval '42 minutes',
       'LEARNER',
       CASE WHEN l.idx = e.qf THEN round((1.5 + 3.0 * ((e.id * 2654435761 + l.idx) % 1000) / 1000.0)::numeric, 1)
            ELSE round((5.5 + 4.5 * ((e.id * 2246822519 + l.idx * 7) % 1000) / 1000.0)::numeric, 1) END
FROM national.enr e
JOIN national.lecture l ON l.m = e.m AND l.idx <= e.ld
CROSS JOIN LATERAL (SELECT ((e.start_date + l.idx - 1)::timestamp + interval '19 hours'
                            + ((e.id % 180) * interval '1 minute')) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) t
ORDER BY e.id, l.lecture_id;

-- The final survey: submitted on day 5 (or the day after the last lecture); the first `pos` agreement items
-- answered Rất đồng ý / Đồng ý, the rest Phân vân / Không đồng ý; the device question answered at random.
\echo '-- survey'
INSERT INTO survey_submission (enrollment_id, submitted_at)
SELECT id, ((start_date + 5)::timestamp + interval '20 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM national.enr WHERE survey ORDER BY id;
INSERT INTO survey_answer (enrollment_id, question_id, chosen, positive, saved_at)
SELECT e.id, s.question_id,
       CASE WHEN NOT s.agreement THEN (e.id + s.idx) % 3
            WHEN s.rank <= e.pos THEN (e.id + s.idx) % 2 ELSE 2 + (e.id + s.idx) % 2 END,
       CASE WHEN s.agreement THEN s.rank <= e.pos END,
       ((e.start_date + 5)::timestamp + interval '20 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM national.enr e
JOIN national.survey s ON s.m = e.m
WHERE e.survey
ORDER BY e.id, s.question_id;

-- The final assignment: one version handed in on day 10, graded by the group's core teacher on day 13.
\echo '-- submissions and grades'
CREATE UNLOGGED TABLE national.sub AS
SELECT (SELECT coalesce(max(id), 0) FROM submission) + row_number() OVER (ORDER BY id) AS sid, e.*
FROM national.enr e WHERE e.sub;
INSERT INTO submission (id, enrollment_id, version, upload_key, submitted_at)
SELECT sid, id, 1, gen_random_uuid(), ((start_date + 9)::timestamp + interval '21 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM national.sub ORDER BY sid;
SELECT setval('submission_id_seq', (SELECT max(id) FROM submission));
INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, comment, graded_by, graded_at)
SELECT id, sid, 'GRADED', grade, '', core,
       least(((start_date + 12)::timestamp + interval '20 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh', now())
FROM national.sub WHERE graded ORDER BY id;

-- Settled runs: the institution's evaluation (passed for everyone), the outcome, module completions, and a
-- certificate per completed main enrollment (with its object key: the PDFs are not rendered, so that the app's
-- resume job does not start rendering two million of them).
INSERT INTO account (username, full_name, password_hash, must_change_password, activated_at)
VALUES ('nat-vien', 'Cơ sở đào tạo (đo tải quốc gia)', NULL, FALSE, now());
INSERT INTO role_grant (account_id, role, scope_type)
SELECT id, 'INSTITUTION', 'PROVINCE' FROM account WHERE username = 'nat-vien';
\echo '-- evaluation, outcomes, certificates'
INSERT INTO institution_evaluation (enrollment_id, decision, reason, decided_by, decided_at)
SELECT e.id, 'PASSED', '', (SELECT id FROM account WHERE username = 'nat-vien'),
       ((e.start_date + 16)::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM national.enr e WHERE e.settled AND e.main ORDER BY e.id;
INSERT INTO enrollment_completion (enrollment_id, outcome, missing, final_grade, settled_at)
SELECT e.id, e.outcome, e.missing, CASE WHEN e.graded THEN e.grade END,
       ((e.start_date + 16)::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM national.enr e WHERE e.settled AND e.main ORDER BY e.id;
INSERT INTO module_completion (account_id, module_code, source, recorded_at)
SELECT e.account_id, mo.code, 'BDTX', ((e.start_date + 16)::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM national.enr e JOIN national.module mo ON mo.m = e.m WHERE e.outcome = 'COMPLETED'
ORDER BY e.account_id, mo.code;

CREATE UNLOGGED TABLE national.cert AS
SELECT e.id AS enrollment_id, row_number() OVER (ORDER BY e.id) AS serial, e.start_date, e.m, e.account_id
FROM national.enr e WHERE e.outcome = 'COMPLETED';
INSERT INTO certificate (number, enrollment_id, full_name, module_code, module_title, periods, from_date, to_date,
                         issued_at, object_key)
SELECT n.number, c.enrollment_id, a.full_name, mo.code, mo.title, mo.periods, c.start_date, c.start_date + 14, t.at,
       'certificates/' || n.number || '.pdf'
FROM national.cert c
JOIN account a ON a.id = c.account_id
JOIN national.module mo ON mo.m = c.m
CROSS JOIN LATERAL (SELECT ((c.start_date + 17)::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) t
CROSS JOIN LATERAL (SELECT replace(mo.code, '-', '') || '-' || to_char(t.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY')
                           || '-' || lpad(c.serial::text, 7, '0') || '-' || upper(substr(md5(c.enrollment_id::text), 1, 4))
                           AS number) n
ORDER BY c.enrollment_id;
SELECT setval('certificate_serial', (SELECT count(*) FROM national.cert));

-- ---------------------------------------------------------------------------------------------------------------
-- The benchmark's logins (one password, BCrypt hashed once by generate.sh): the supervisor of province 1, an
-- officer of its largest district, and the 50 learners (renamed nat-hv-01 … nat-hv-50).
INSERT INTO national.benchmark VALUES
  ('province_id', (SELECT id::text FROM national.province WHERE p = 1)),
  ('school_year', (SELECT sy FROM national.param)),
  ('run_gv01', (SELECT id::text FROM national.run WHERE p = 1 AND m = 1)),
  ('cohort_gv03', (SELECT id::text FROM national.cohort WHERE m = 4
                   AND k = (SELECT k FROM national.district WHERE id = (SELECT value::bigint FROM national.benchmark
                                                                         WHERE key = 'district_id'))));
UPDATE account a SET username = 'nat-hv-' || lpad(b.n::text, 2, '0'), password_hash = :'hash',
  must_change_password = FALSE
FROM (SELECT account_id, row_number() OVER (ORDER BY id) AS n FROM national.enr WHERE bench) b
WHERE a.id = b.account_id;
INSERT INTO account (username, full_name, password_hash, must_change_password, activated_at) VALUES
  ('nat-giam-sat', 'Chuyên viên giám sát (đo tải quốc gia)', :'hash', FALSE, now()),
  ('nat-phong', 'Chuyên viên phòng (đo tải quốc gia)', :'hash', FALSE, now());
INSERT INTO role_grant (account_id, role, scope_type, scope_id)
SELECT id, 'SUPERVISOR', 'PROVINCE', (SELECT value::bigint FROM national.benchmark WHERE key = 'province_id')
FROM account WHERE username = 'nat-giam-sat'
UNION ALL
SELECT id, 'DISTRICT_OFFICER', 'DISTRICT', (SELECT value::bigint FROM national.benchmark WHERE key = 'district_id')
FROM account WHERE username = 'nat-phong';

-- ---------------------------------------------------------------------------------------------------------------
-- The reporting read model (V16), from the rows generated above.
\echo '-- read model'
INSERT INTO report_unit (id, kind, code, name, parent_id, province_id, district_id, active)
SELECT u.id, u.kind, u.code, u.name, u.parent_id,
       CASE u.kind WHEN 'DEPARTMENT' THEN u.id WHEN 'DISTRICT_OFFICE' THEN u.parent_id
                   WHEN 'CLUSTER' THEN d.parent_id ELSE d.parent_id END,
       CASE u.kind WHEN 'DEPARTMENT' THEN NULL WHEN 'DISTRICT_OFFICE' THEN u.id ELSE u.parent_id END,
       u.active
FROM org_unit u LEFT JOIN org_unit d ON d.id = u.parent_id AND u.kind IN ('SCHOOL', 'CLUSTER')
ORDER BY u.id;

INSERT INTO report_person (account_id, username, full_name, date_of_birth, school_id, district_id, province_id, level,
                           position, enabled)
SELECT a.id, a.username, a.full_name, a.date_of_birth, a.school_id, s.parent_id, d.parent_id, a.level, a.position,
       a.enabled
FROM account a LEFT JOIN org_unit s ON s.id = a.school_id LEFT JOIN org_unit d ON d.id = s.parent_id
ORDER BY a.id;

INSERT INTO report_cohort (cohort_id, run_id, run_name, name, module_code, module_title, periods, start_date, last_day,
                           school_year)
SELECT h.id, h.run_id, r.name, h.name, k.module_code, m.title, m.periods, h.start_date,
       h.start_date + (h.self_study_days + h.meeting_days + h.finishing_days - 1),
       CASE WHEN extract(month FROM h.start_date) >= 9 THEN extract(year FROM h.start_date)::int
            ELSE extract(year FROM h.start_date)::int - 1 END::text || '-'
       || CASE WHEN extract(month FROM h.start_date) >= 9 THEN extract(year FROM h.start_date)::int + 1
               ELSE extract(year FROM h.start_date)::int END::text
FROM cohort h JOIN course k ON k.id = h.course_id JOIN training_module m ON m.code = k.module_code
LEFT JOIN module_run r ON r.id = h.run_id
ORDER BY h.id;

INSERT INTO report_enrollment (enrollment_id, account_id, cohort_id, run_id, module_code, school_year, main, school_id,
  district_id, province_id, group_id, core_teacher_id, deadline, started, items_done, items_total, self_study_done,
  submitted, returned, graded, final_grade, institution, outcome, missing, survey_submitted, survey_positive,
  survey_rated, exemption, certificate_number, certificate_issued_at, certificate_revoked_at, refreshed_at)
SELECT e.id, e.account_id, e.cohort_id, c.run_id, c.module_code, c.school_year, e.main, e.school_id, e.district_id,
       e.province_id, e.group_id, e.core, c.last_day + CASE WHEN e.main THEN 0 ELSE 15 END,
       e.ld > 0, e.ld + greatest(0, e.ld - CASE WHEN e.qf > 0 AND e.qf <= e.ld THEN 1 ELSE 0 END)
                 + CASE WHEN e.survey THEN 1 ELSE 0 END,
       CASE WHEN e.main THEN 11 ELSE 10 END, e.self_study, e.sub, FALSE, e.graded, CASE WHEN e.graded THEN e.grade END,
       CASE WHEN e.settled AND e.main THEN 'PASSED' END, e.outcome, e.missing, e.survey,
       CASE WHEN e.survey THEN e.pos ELSE 0 END,
       CASE WHEN e.survey THEN (SELECT count(*) FROM national.survey s WHERE s.m = e.m AND s.agreement) ELSE 0 END,
       x.kind, t.number, t.issued_at, t.revoked_at, now()
FROM national.enr e
JOIN report_cohort c ON c.cohort_id = e.cohort_id
LEFT JOIN exemption x ON x.account_id = e.account_id AND x.school_year = c.school_year
LEFT JOIN certificate t ON t.enrollment_id = e.id
ORDER BY e.id;

-- V16_3 (exports) keeps the year's exemptions apart from enrollments: filled when that migration is present.
DO $$
BEGIN
  IF to_regclass('public.report_exemption') IS NOT NULL THEN
    INSERT INTO report_exemption (account_id, school_year, kind, reason)
    SELECT account_id, school_year, kind, reason FROM exemption ORDER BY account_id, school_year;
  END IF;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Rebuild the secondary indexes dropped above, then statistics for the planner.
\echo '-- indexes'
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexdef FROM national.dropped_index LOOP
    EXECUTE r.indexdef;
  END LOOP;
END $$;
SET session_replication_role = origin;

DROP TABLE national.enr, national.sub, national.cert, national.account, national.school_accounts;
\echo '-- vacuum analyze'
VACUUM (ANALYZE);

SELECT 'org_unit' AS t, count(*) FROM org_unit UNION ALL
SELECT 'account', count(*) FROM account UNION ALL
SELECT 'enrollment', count(*) FROM enrollment UNION ALL
SELECT 'lecture_progress', count(*) FROM lecture_progress UNION ALL
SELECT 'quiz_attempt', count(*) FROM quiz_attempt UNION ALL
SELECT 'survey_answer', count(*) FROM survey_answer UNION ALL
SELECT 'submission', count(*) FROM submission UNION ALL
SELECT 'assignment_grade', count(*) FROM assignment_grade UNION ALL
SELECT 'enrollment_completion', count(*) FROM enrollment_completion UNION ALL
SELECT 'certificate', count(*) FROM certificate UNION ALL
SELECT 'report_enrollment', count(*) FROM report_enrollment;
SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;
SELECT * FROM national.benchmark ORDER BY key;

-- Issue 16 part 3 (formal exports): what the certificate register and the
-- school year's status per teacher need beyond V16's read model. Additive only;
-- owned and written by reporting, like every report_* table.

-- The certificate register names why a certificate was revoked (certificate.revoked_reason).
ALTER TABLE report_enrollment ADD COLUMN certificate_revoked_reason VARCHAR(500);

-- A person's exemption or reduction for a school year (accounts' exemption table),
-- kept apart from enrollments because someone exempt may have none that year.
CREATE TABLE report_exemption (
  account_id  BIGINT       NOT NULL,
  school_year VARCHAR(9)   NOT NULL,
  kind        VARCHAR(10)  NOT NULL,
  reason      VARCHAR(500) NOT NULL DEFAULT '',
  PRIMARY KEY (account_id, school_year)
);

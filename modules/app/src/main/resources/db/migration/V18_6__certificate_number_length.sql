-- Certificate numbers get a check code of 80 random bits (issue 18 item 9): GV02-2026-000123-7K3M-9QXA-2HFD-R8WZ,
-- up to 44 characters with a 10-character module code. Old numbers (…-4F0A) are kept as printed.
ALTER TABLE certificate ALTER COLUMN number TYPE VARCHAR(64);
ALTER TABLE report_enrollment ALTER COLUMN certificate_number TYPE VARCHAR(64);

-- Issue 18 item 3: saves are ordered by something the device's clock cannot poison.
-- page: the page load that sent the answer (random, chosen by quiz.js at each load); seq is now that page's own
-- counter (1, 2, 3... bounded). Within one page load the counter orders its saves (a late duplicate of an older
-- save never replaces a newer one); between page loads, or without a page, the server's receive order decides.
ALTER TABLE attempt_answer ADD COLUMN page VARCHAR(40);

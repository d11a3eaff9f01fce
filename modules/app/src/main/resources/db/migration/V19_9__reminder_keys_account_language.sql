-- Issue 20 item 3: text from message keys, in the reader's language.
-- A reminder is stored as a message key with its arguments, rendered when it is shown or mailed, in the
-- language of whoever reads it; rows written before keep their Vietnamese sentence in `message`.
ALTER TABLE reminder
  ADD COLUMN message_key VARCHAR(100),
  ADD COLUMN args        JSONB NOT NULL DEFAULT '[]',
  ALTER COLUMN message DROP NOT NULL,
  ADD CONSTRAINT reminder_text CHECK (message_key IS NOT NULL OR message IS NOT NULL);

-- The language a person chose in the app (?lang=), so that e-mails reach them in it. Vietnamese first.
ALTER TABLE account ADD COLUMN language VARCHAR(2) NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en'));

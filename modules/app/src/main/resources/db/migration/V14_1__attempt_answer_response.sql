-- What a learner typed (short answer, numerical) or matched (answer indexes per item, comma separated); NULL for choices.
ALTER TABLE attempt_answer ADD COLUMN response TEXT;

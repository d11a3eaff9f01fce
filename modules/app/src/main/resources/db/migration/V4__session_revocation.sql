-- Sessions started before this instant are ended (account disabled, password reset by an admin).
ALTER TABLE account ADD COLUMN sessions_revoked_at TIMESTAMPTZ;

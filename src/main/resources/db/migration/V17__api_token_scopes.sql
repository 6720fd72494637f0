-- What an API token is limited to (access.Scopes), space-separated; NULL: all its user may do.
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(1000) NULL;

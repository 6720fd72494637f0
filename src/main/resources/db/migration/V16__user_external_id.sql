-- The id of a user in the identity provider that provisions him through SCIM (Okta, Entra ID):
-- unique, case-sensitive (binary collation), optional.
ALTER TABLE users
    ADD COLUMN external_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD UNIQUE KEY uq_users_external_id (external_id);

-- The id of a client in the integrator's system, for upserts (PUT /clients/by-external-id/{externalId},
-- import ?mode=upsert). Binary collation: the ids of other systems are case-sensitive (a Salesforce
-- 15-character id differs from another by case alone). The collation still pads with spaces, so the
-- application refuses an external id with a space at either end (ExternalIds).
-- Unique over the whole table, the trash included, so that an upsert never creates a second client
-- beside a trashed one. NULL (no external id) may repeat.
ALTER TABLE clients
    ADD COLUMN external_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD UNIQUE KEY uq_clients_external_id (external_id);

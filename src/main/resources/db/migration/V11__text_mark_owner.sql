-- While the text index lags a change, free text searches the marked clients directly, and it read
-- every mark before the scope applied: after a 100,000-client import under load, each search of an
-- ADMINISTRATION user scanned the whole backlog of another user's clients (23-66 req/s in the
-- benchmark). With the client's owner on the mark, marks outside the caller's scope are left out in
-- the index. The owner on the client row still decides; this copy is written with the mark, and a
-- change of owner writes the mark again (TextIndex).
ALTER TABLE client_text_dirty ADD COLUMN owner_id BIGINT NULL;

UPDATE client_text_dirty x JOIN clients c ON c.id = x.client_id SET x.owner_id = c.owner_id;

ALTER TABLE client_text_dirty ADD INDEX ix_text_dirty_owner (owner_id, client_id);

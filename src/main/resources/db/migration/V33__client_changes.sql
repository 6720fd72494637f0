-- A sync page (updatedSince, by updatedAt) holds a scope's live and trashed clients in the order of
-- their changes. The sort indexes of a scope (V22, V23) hold the live ones after deleted_at, so no
-- index gave a head's or an owner's changes in order: the optimizer read the table's updated index
-- from the sync's point on, testing each row's owner (880 rows a page for a head of 200,000 clients,
-- 241-350 req/s), or sorted an employee's clients whole. Each owner's and
-- each head's changes are now one range in updatedAt order, trash included.
CREATE INDEX ix_clients_owner_changes ON clients (owner_id, updated_at, id);
CREATE INDEX ix_clients_head_changes ON clients (head_id, updated_at, id);

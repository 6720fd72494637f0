-- A page sorted by createdAt for a head or an employee read the table's created index and tested
-- each row's owner: on 200,000 clients a head's newest-first page read 148,419 rows (235 ms) past
-- the other departments' newer clients, and an employee's oldest-first page 21,133. The creation
-- time does not follow the id closely enough to be read in id order (two nodes of a cluster, two
-- creates at once), so it gets the sort indexes that name and updatedAt have (V22, V23): each
-- owner's and each head's live clients are one index range in creation order. Two more entries a
-- create: the same creates a second within the run-to-run spread (2026-12-07, 200,000 clients,
-- alternated with and without them: 1,264 and 1,254 against 1,221 and 1,287).
CREATE INDEX ix_clients_owner_created ON clients (owner_id, deleted_at, created_at, id);
CREATE INDEX ix_clients_head_created ON clients (head_id, deleted_at, created_at, id);

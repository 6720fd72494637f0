-- The trash of everyone (an ADMIN's) had no index: its page read the table in id order until 51
-- trashed clients came, all of it when few are trashed (304,195 rows for an empty trash of 200,000
-- clients). A head's and an owner's trash are ranges of their indexes (V20, V4); the
-- table's is this one's, read whole and sorted while the server estimates it small (ClientSql.trashed).
CREATE INDEX ix_clients_trash ON clients (deleted_at, id);

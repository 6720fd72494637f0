-- V24's trigger gave each new value row its client's head with one lookup per row. A trigger costs
-- its call more than its lookup: 1,000,000 value rows (100,000 clients x 10 fields, 5,000 rows per
-- statement, MariaDB 11.4) took 18.4-18.5 s with it, 12.8-13.9 s with the head given in the INSERT,
-- 15.7-17.3 s with a trigger that only looks up a head not given. The writer gives it now, read in
-- the same transaction from the client row V20's triggers keep (ClientStore: a new client's from its
-- INSERT ... RETURNING, an existing client's after its row is written). Moving a client between
-- departments still moves its values' heads by V24's trigger on the client row.
DROP TRIGGER IF EXISTS tr_values_head_insert;

-- A range filter (field.x.gte / .lte) on a custom NUMBER, MONEY, DATE or DATETIME could only scan a
-- caller's clients in id order and test each one's value: 51 / (share of the table that is in scope
-- and in range) rows per page, ~100,000 for 1 % of a head's 5 % scope (38-345 req/s in the
-- benchmark, whichever plan the statistics of the moment gave). With the owner ahead of the value,
-- the clients of a scope that are in range are one index range per owner, read without their rows
-- (ClientSql's range plan). One index serves the three columns: a field's values are in one of them
-- and the others are NULL, so "v_number IS NULL AND v_date IS NULL AND v_datetime BETWEEN ..." is a
-- range of this index too. The owner copy is the one of V10, kept with the client's owner.
CREATE INDEX ix_values_owner_range ON client_values (field_id, owner_id, v_number, v_date, v_datetime);

-- Every value row paid for four single-column indexes of which it fills one: (field_id, v_number),
-- (field_id, v_date), (field_id, v_datetime) and (field_id, v_bool). A field's values are in one typed
-- column and the others are NULL, so one index over the four serves each of them, as V19 and V24's
-- ranges already do: "v_number IS NULL AND v_date BETWEEN ..." is a range of it, and an equality that
-- names the other columns IS NULL lists its clients in id order. Three index entries less per value
-- row to write on every create, update and import, and to keep on disk (ClientSql names the NULLs).
ALTER TABLE client_values
    ADD INDEX ix_values_typed (field_id, v_number, v_date, v_datetime, v_bool),
    DROP INDEX ix_values_number,
    DROP INDEX ix_values_date,
    DROP INDEX ix_values_datetime,
    DROP INDEX ix_values_bool;

-- Every value row wrote an entry into two indexes of which it fills one: the text key's (V8, V10) and
-- the typed values' (V25). A field's values are in one column and the others are NULL, so one index
-- over all of them serves each, as V28 made the owner and head ranges do: an equality that names the
-- other columns NULL lists its clients in id order, a range or a sort reads its column's order. The
-- client and its owner after the value, as the text key's index had them: a scope's owners are
-- tested on the entry, for a number, a date or a checkbox too, before any row is read.
-- Four index entries per value row where there were five: measured on 2,000,000 value rows (200,000
-- clients of the benchmark, 10,000 per transaction, MariaDB 11.4), 22.5-25.2 s against 24.8-27.0 s.
ALTER TABLE client_values
    ADD INDEX ix_values_value (field_id, v_number, v_date, v_datetime, v_bool, v_text_key, client_id, owner_id),
    DROP INDEX ix_values_typed,
    DROP INDEX ix_values_text_key;

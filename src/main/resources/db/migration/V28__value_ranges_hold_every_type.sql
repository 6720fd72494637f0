-- An equality filter on text or a checkbox could only read the value's entries of the whole table in
-- client id order and test each one's owner: a scope that holds few of them read all of them (an
-- employee filtering on a city of 1 % read 10,013 entries among 1,000,000 clients, 100,000 at 10 M).
-- Numbers and dates are already a range of one value in the scope's range of V19 and V24's indexes,
-- owner or head ahead of the value; with the checkbox and the text key after the other typed columns,
-- every equality is: a field's values are in one column and the others are NULL, so
-- "v_number IS NULL AND ... AND v_bool IS NULL AND v_text_key = ?" is a range of the scope's
-- matches alone. The same entries, one or two columns wider; nothing more to write per value row.
ALTER TABLE client_values
    DROP INDEX ix_values_owner_range,
    ADD INDEX ix_values_owner_range (field_id, owner_id, v_number, v_date, v_datetime, v_bool, v_text_key),
    DROP INDEX ix_values_head_range,
    ADD INDEX ix_values_head_range (field_id, head_id, v_number, v_date, v_datetime, v_bool, v_text_key);

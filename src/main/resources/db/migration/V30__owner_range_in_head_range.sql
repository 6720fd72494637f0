-- Every value row wrote an entry in two scope ranges of the value index, the owner's (V19) and the
-- head's (V24), and the owner's cost the import most: an import of 1,000,000 clients (10 values
-- each) took 320-345 s of the embedded server's CPU, 182 s without the owner's range and 174 s
-- without both (measured per index on copies of one folder, bench/results/2026-12-04-import-cpu-1m.txt).
-- Its 4,200 (field, owner) groups scatter each batch's entries over the tree, 21 times as many
-- places as the head's 200 groups. The owner now comes last in the head's range: an owner's values
-- are his head's range (the head that answers for him, V20) with the owner tested on each entry
-- before any row is read. The import of 1,000,000 took 142.7 s (server 204 s) against 206-218 s
-- on that machine; on another, the same day, one after the other: 141.5 -> 127.6 s, server 206 -> 166 s
-- (bench/results/2026-12-04-owner-in-head-range-ab-1m.txt).
-- The price: an owner's range or sort reads his department's entries of the field, not his own;
-- an employee's page sorted by a number read 1,052 entries for 51 among 21 owners (the benchmark's
-- 1 in 21), and an EMPLOYEE without a head shares the NULL head's range with ADMINs' clients.
-- The client's id is named ahead of the owner, as in V29's index: a head's page sorted by a value reads
-- ties in id order, which an owner ahead of the id would break (the server sorted the range instead).
ALTER TABLE client_values
    DROP INDEX ix_values_owner_range,
    DROP INDEX ix_values_head_range,
    ADD INDEX ix_values_head_range (field_id, head_id, v_number, v_date, v_datetime, v_bool, v_text_key, client_id, owner_id);

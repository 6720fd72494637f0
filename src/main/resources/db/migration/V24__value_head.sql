-- A head's page sorted by a custom NUMBER, MONEY, DATE or DATETIME merged a page of each of his
-- owners' ranges of the value index (V19): on 1,000,000 clients his page by a number read 3,431 rows
-- for 51 (21 owners x 51 entries and their client rows; 213 req/s in the benchmark against 1,492 for
-- his page in id order). With the head of V20 on each value row, ahead of the value, his
-- department's values of a field are one index range in value order: a page reads its entries and
-- rows. His range filters read one range too, not one per owner.
--
-- Kept by triggers, like the head on the client row and in the same transaction as the change that
-- moves it: a value row takes its client's head when written, and a client's values follow his head
-- whenever it changes (owner changed, employee reassigned, head deleted: V20's triggers set it on the
-- client row, whose update fires this one). The owners on the client rows still decide.
ALTER TABLE client_values ADD COLUMN head_id BIGINT NULL;

UPDATE client_values v JOIN clients c ON c.id = v.client_id SET v.head_id = c.head_id WHERE c.head_id IS NOT NULL;

CREATE INDEX ix_values_head_range ON client_values (field_id, head_id, v_number, v_date, v_datetime);

CREATE TRIGGER tr_values_head_insert BEFORE INSERT ON client_values FOR EACH ROW
    SET NEW.head_id = (SELECT c.head_id FROM clients c WHERE c.id = NEW.client_id);

-- decided on NEW and OLD before any row is read: an update that keeps the head reads no value
CREATE TRIGGER tr_values_head_follow AFTER UPDATE ON clients FOR EACH ROW
    UPDATE client_values SET head_id = NEW.head_id WHERE client_id = NEW.id AND NOT (NEW.head_id <=> OLD.head_id);

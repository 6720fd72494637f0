-- A head's scope as one index range. An ADMINISTRATION user sees his own clients and those of the
-- EMPLOYEEs he manages: 21 owners in the benchmark, whose clients are spread over the whole table
-- in id order, so a page of his list read ~880 rows to keep 51 and the export of his ~10,000
-- clients read the whole table (447,691 rows, never finished in 20 s under load). With the head
-- that answers for a client's owner on the client row, his scope is (head_id, deleted_at, id): a
-- page reads its 51 rows and the export his clients only.
--
-- head_id is the owner himself when he is an ADMINISTRATION user, his manager when he is an
-- EMPLOYEE, NULL otherwise (an ADMIN, an unassigned EMPLOYEE). Triggers keep it, in the same
-- transaction as the change that moves it, so that no write path can forget it, also one made by
-- hand in SQL: a client's owner set or changed, an EMPLOYEE reassigned (all his clients move with
-- him), a head deleted (the foreign key's SET NULL on his staff fires no trigger, hence the
-- delete trigger). A user's type never changes. The owner on the row still decides: the list tests
-- the owners of the caller's scope on every row as before; head_id only chooses where to read.
ALTER TABLE clients ADD COLUMN head_id BIGINT NULL;

UPDATE clients c JOIN users u ON u.id = c.owner_id
SET c.head_id = CASE u.type WHEN 'ADMINISTRATION' THEN u.id WHEN 'EMPLOYEE' THEN u.manager_id END;

CREATE INDEX ix_clients_head ON clients (head_id, deleted_at, id);

CREATE TRIGGER tr_clients_head_insert BEFORE INSERT ON clients FOR EACH ROW
    SET NEW.head_id = (SELECT CASE u.type WHEN 'ADMINISTRATION' THEN u.id WHEN 'EMPLOYEE' THEN u.manager_id END
                       FROM users u WHERE u.id = NEW.owner_id);

-- IF evaluates only the branch it takes: an update that keeps the owner looks nothing up, and keeps
-- the head_id it sets (the reassignment below sets it with the owner unchanged)
CREATE TRIGGER tr_clients_head_update BEFORE UPDATE ON clients FOR EACH ROW
    SET NEW.head_id = IF(NEW.owner_id <=> OLD.owner_id, NEW.head_id,
        (SELECT CASE u.type WHEN 'ADMINISTRATION' THEN u.id WHEN 'EMPLOYEE' THEN u.manager_id END
         FROM users u WHERE u.id = NEW.owner_id));

-- A condition on NEW and OLD alone is decided before any row is read: an update of a user that
-- keeps his manager reads no client (measured: one key read, the user's own). The index is named so
-- that an employee with a large share of the table is not read by a scan of the table.
CREATE TRIGGER tr_clients_head_reassign AFTER UPDATE ON users FOR EACH ROW
    UPDATE clients FORCE INDEX (ix_clients_owner) SET head_id = NEW.manager_id
    WHERE owner_id = NEW.id AND NEW.type = 'EMPLOYEE' AND NOT (NEW.manager_id <=> OLD.manager_id);

CREATE TRIGGER tr_clients_head_deleted AFTER DELETE ON users FOR EACH ROW
    UPDATE clients FORCE INDEX (ix_clients_head) SET head_id = NULL WHERE head_id = OLD.id;

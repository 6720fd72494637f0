-- A syncing app learned nothing when clients changed scope without changing themselves: an
-- EMPLOYEE given another manager moved his clients' head_id (V20's trigger) but not their
-- updated_at, so the new head's app never received them by updatedSince, and the old head's kept
-- them with no tombstone. The same for the former owner's and head's apps when a client is given
-- to another owner (PATCH ownerId, a deleted user's reassignment, an import that changes the owner).

-- Each time a client's owner or head changes, where it was: /clients/tombstones gives it to the
-- scope it left while it stays outside (ClientStore.tombstones). Read by the former owner's and
-- head's ranges from the sync's point on.
CREATE TABLE client_scope_exits (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    client_id  BIGINT       NOT NULL,
    owner_id   BIGINT       NOT NULL,
    head_id    BIGINT       NULL,
    left_at    TIMESTAMP(6) NOT NULL,
    INDEX ix_scope_exits_owner (owner_id, left_at, client_id),
    INDEX ix_scope_exits_head (head_id, left_at, client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- NOW(6) is the statement's start, inside the writing transaction: the sync bound (one second
-- before the oldest running write transaction started) keeps a page from passing it before commit.
CREATE TRIGGER tr_clients_scope_exit AFTER UPDATE ON clients FOR EACH ROW
    INSERT INTO client_scope_exits (client_id, owner_id, head_id, left_at)
    SELECT OLD.id, OLD.owner_id, OLD.head_id, NOW(6) FROM DUAL
    WHERE OLD.owner_id <> NEW.owner_id OR NOT (OLD.head_id <=> NEW.head_id);

-- A department's purged client was its tombstone by the owner's id alone: once that owner answered
-- to another manager, the department's app no longer got it. The head at the purge keeps it there
-- (tombstones written before this have none and stay found by their owner).
ALTER TABLE client_tombstones ADD COLUMN head_id BIGINT NULL, ADD INDEX ix_tombstones_head (head_id, purged_at, client_id);

-- The clients an EMPLOYEE takes to his new manager enter that head's scope: they are changed for
-- a syncing app (updated_at), not in themselves (their version, history and webhooks stay).
DROP TRIGGER IF EXISTS tr_clients_head_reassign;
CREATE TRIGGER tr_clients_head_reassign AFTER UPDATE ON users FOR EACH ROW
    UPDATE clients FORCE INDEX (ix_clients_owner) SET head_id = NEW.manager_id, updated_at = NOW(6)
    WHERE owner_id = NEW.id AND NEW.type = 'EMPLOYEE' AND NOT (NEW.manager_id <=> OLD.manager_id);

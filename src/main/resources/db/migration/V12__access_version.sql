-- One counter raised, in the same transaction, by every change to what a request's caller is made
-- of: any user row (his rights, status, token version, field access; anyone's manager, i.e. every
-- scope), group memberships and groups. An instance keeps the callers it loaded while the counter
-- has not moved, and reads the counter on every request (CallerLoader): a change made by any
-- instance, or by hand in SQL, applies to the next request as before, for one primary-key read
-- instead of the caller's full query.
-- Triggers, not the application, raise it, so that no write path can forget to. A foreign key's
-- cascade fires no trigger: deleting a user or a group raises it through the parent's own trigger.
CREATE TABLE access_state (
    id      TINYINT PRIMARY KEY,
    version BIGINT NOT NULL
) ENGINE = InnoDB;

INSERT INTO access_state (id, version) VALUES (1, 1);

CREATE TRIGGER tr_access_users_insert AFTER INSERT ON users
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_access_users_update AFTER UPDATE ON users
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_access_users_delete AFTER DELETE ON users
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;

CREATE TRIGGER tr_access_members_insert AFTER INSERT ON group_members
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_access_members_update AFTER UPDATE ON group_members
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_access_members_delete AFTER DELETE ON group_members
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;

CREATE TRIGGER tr_access_groups_update AFTER UPDATE ON user_groups
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_access_groups_delete AFTER DELETE ON user_groups
    FOR EACH ROW UPDATE access_state SET version = version + 1 WHERE id = 1;

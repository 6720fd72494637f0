-- The text index's marks (client_text_dirty, read by the indexer) are written by the database in the
-- statement that changes the client, no longer by the application in a statement of its own after it:
-- a create, a rename and a purge each made one round trip more for the mark alone (a ninth of a
-- create's statements). The marks then also follow a change made by hand in SQL, as the heads (V20)
-- and the access counter already do.
--
-- What is marked is what TextIndex marked: a new client with its owner; a client whose name, value
-- document, owner or head changed, with its owner after the change; a purged client without owner,
-- so that the indexer finds it gone. Names and documents are compared as bytes: the columns'
-- collation holds "Renee" and "Renée" equal, the trigrams do not.
--
-- A new client's mark is a plain INSERT, as its id is new: an upsert's gap locks made two import
-- batches written at once deadlock.

CREATE TRIGGER IF NOT EXISTS tr_text_mark_insert AFTER INSERT ON clients FOR EACH ROW
    INSERT INTO client_text_dirty (client_id, mark, owner_id) VALUES (NEW.id, 1, NEW.owner_id);

-- V27's trigger marked a change of head only; this one marks every change the index reads. Decided on
-- NEW and OLD alone: an update that keeps all four (the trash, a new version) writes nothing.
DROP TRIGGER IF EXISTS tr_text_head_follow;
CREATE TRIGGER tr_text_mark_update AFTER UPDATE ON clients FOR EACH ROW
    INSERT INTO client_text_dirty (client_id, mark, owner_id)
    SELECT NEW.id, 1, NEW.owner_id FROM DUAL
    WHERE NOT (NEW.head_id <=> OLD.head_id) OR NEW.owner_id <> OLD.owner_id
       OR CAST(NEW.name AS BINARY) <> CAST(OLD.name AS BINARY)
       OR NOT (CAST(NEW.field_values AS BINARY) <=> CAST(OLD.field_values AS BINARY))
    ON DUPLICATE KEY UPDATE mark = mark + 1, owner_id = NEW.owner_id;

CREATE TRIGGER IF NOT EXISTS tr_text_mark_delete AFTER DELETE ON clients FOR EACH ROW
    INSERT INTO client_text_dirty (client_id, mark, owner_id) VALUES (OLD.id, 1, NULL)
    ON DUPLICATE KEY UPDATE mark = mark + 1, owner_id = NULL;

-- A head's free text read his owners' ranges of the rarest trigram (V21), which together are in no
-- client order: the page could only be taken once all of them were read, so a plan gave up past
-- 1,000 of them and read the trigram's whole list in id order instead. On 10,000,000 clients a
-- head's department (500,000) holds more than that for any text: "note 123" read 143,061 entries
-- for a page, a text that one client has read all 11,500,292 (ClientSql.TEXT_BUDGET).
-- With the head on each entry, ahead of the client, a head's entries of a trigram are one range in
-- client id order: a page reads them until it is full, and never an entry of another department.
--
-- The head copy is the one V20 keeps on the client row, written by the indexer with the owner.
-- A change of head is marked for the indexer in the transaction that makes it (the trigger below,
-- on the client row whose head V20's triggers set: owner changed, employee reassigned, head
-- deleted); until the indexer has read it, searches look at the marked client directly. The
-- owners and head on the client row still decide: the index only narrows.
--
-- The entries written before this version get their heads in the background (TrigramHeads), in
-- committed batches from where the last one stopped, and the index is built after them: one UPDATE
-- of the 27,000,000 entries of 1,000,000 clients held the start for 9 minutes (and a start cut by
-- a supervisor's timeout rolled all of it back, as long again), a Galera cluster would refuse a
-- write set of that size, and with the index built first each entry cost 2.5x as much to write
-- (528 against 215 ms per 10,000). Until the pass is done, a head's free text reads the trigram's
-- list as before. An empty index (a new installation) gets its index here, and the pass is done.
ALTER TABLE client_trigrams ADD COLUMN IF NOT EXISTS head_id BIGINT NULL;

-- where the background pass stands: the last entry it wrote (none yet), or done
CREATE TABLE IF NOT EXISTS trigram_heads_pass (
    id            TINYINT NOT NULL PRIMARY KEY,
    after_trigram VARCHAR(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
    after_client  BIGINT NULL,
    done          BOOLEAN NOT NULL
) ENGINE = InnoDB;

INSERT IGNORE INTO trigram_heads_pass (id, done) SELECT 1, NOT EXISTS (SELECT 1 FROM client_trigrams);

SET @trigram_head_index = IF((SELECT done FROM trigram_heads_pass WHERE id = 1),
    'CREATE INDEX IF NOT EXISTS ix_trigrams_head ON client_trigrams (trigram, head_id, client_id)', 'DO 0');
PREPARE trigram_head_index FROM @trigram_head_index;
EXECUTE trigram_head_index;
DEALLOCATE PREPARE trigram_head_index;

-- decided on NEW and OLD: an update that keeps the head writes nothing
CREATE TRIGGER IF NOT EXISTS tr_text_head_follow AFTER UPDATE ON clients FOR EACH ROW
    INSERT INTO client_text_dirty (client_id, mark, owner_id)
    SELECT NEW.id, 1, NEW.owner_id FROM DUAL WHERE NOT (NEW.head_id <=> OLD.head_id)
    ON DUPLICATE KEY UPDATE mark = mark + 1, owner_id = NEW.owner_id;

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
ALTER TABLE client_trigrams ADD COLUMN head_id BIGINT NULL;

UPDATE client_trigrams t JOIN clients c ON c.id = t.client_id SET t.head_id = c.head_id WHERE c.head_id IS NOT NULL;

CREATE INDEX ix_trigrams_head ON client_trigrams (trigram, head_id, client_id);

-- decided on NEW and OLD: an update that keeps the head writes nothing
CREATE TRIGGER tr_text_head_follow AFTER UPDATE ON clients FOR EACH ROW
    INSERT INTO client_text_dirty (client_id, mark, owner_id)
    SELECT NEW.id, 1, NEW.owner_id FROM DUAL WHERE NOT (NEW.head_id <=> OLD.head_id)
    ON DUPLICATE KEY UPDATE mark = mark + 1, owner_id = NEW.owner_id;

-- Free text q is "contains" (LIKE '%text%'), which no B-tree can answer: a rare text scanned most of
-- the clients (399 ms p50 over 1M in the benchmark). A trigram index narrows it: every three
-- consecutive characters of a client's name and text values, with the client. A client whose
-- value contains q holds every trigram of q, so the clients holding q's rarest trigrams are the
-- only candidates; the LIKE on the visible values still decides, so the index only narrows.
-- The trigram column has the collation of the values: '=' then equals what LIKE equals (case
-- and accents), character by character. The client's owner rides along, so that a search leaves
-- out clients outside the caller's scope before it reads them (the owner on the client row still
-- decides; a change of owner marks the client for the indexer like a change of text).
CREATE TABLE client_trigrams (
    trigram   VARCHAR(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    client_id BIGINT NOT NULL,
    owner_id  BIGINT NOT NULL,
    PRIMARY KEY (trigram, client_id)
) ENGINE = InnoDB;

-- What the index holds for each client (a JSON array of its trigrams), so that a change removes
-- exactly the trigrams the client no longer has.
CREATE TABLE client_text_indexed (
    client_id BIGINT NOT NULL PRIMARY KEY,
    trigrams  MEDIUMTEXT NOT NULL
) ENGINE = InnoDB;

-- Clients whose name, values or owner changed since the index last read them. Written in the
-- transaction of the change; the indexer removes a row only if its mark is still the one it read,
-- so a change made while it was indexing stays marked. Until a client is indexed, searches look
-- at it directly: results never wait for the index.
CREATE TABLE client_text_dirty (
    client_id BIGINT NOT NULL PRIMARY KEY,
    mark      BIGINT NOT NULL
) ENGINE = InnoDB;

INSERT INTO client_text_dirty (client_id, mark) SELECT id, 1 FROM clients;

-- Idempotency-Key for every POST: the stored answer (status, Location, ETag, body) of the first
-- request with a key, per caller, kept 24 hours. Written in the transaction of the create itself,
-- so a create and its stored answer commit together, and a second request with the key waits on
-- the first one's row lock and then replays it. status is NULL only while a bulk import (which
-- commits batch by batch) is running under the key. Replaces idempotency_keys (users only, V2):
-- its keys were at most a day old and carried no stored answer to replay.
CREATE TABLE idempotent_posts (
    caller_id     BIGINT        NOT NULL,
    idem_key      VARCHAR(200)  NOT NULL,
    request_hash  CHAR(64)      NULL,
    status        INT           NULL,
    location      VARCHAR(500)  NULL,
    etag          VARCHAR(64)   NULL,
    body          LONGTEXT      NULL,
    created_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (caller_id, idem_key),
    KEY ix_idempotent_posts_created (created_at),
    CONSTRAINT fk_idempotent_posts_caller FOREIGN KEY (caller_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

DROP TABLE idempotency_keys;

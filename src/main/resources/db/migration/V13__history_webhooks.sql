-- The change history: one row per change to a record, written in the transaction that makes the
-- change (a rolled-back change leaves none). `changes` is a JSON array of {"field","from","to"};
-- custom fields are named by id ("f:<id>"), so that a renamed key or a hidden field is decided when
-- the history is read, for its reader. actor_login is kept because a user may be deleted later.
CREATE TABLE record_changes (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    record_type  VARCHAR(16)  NOT NULL,
    record_id    BIGINT       NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    owner_id     BIGINT       NULL,
    actor_id     BIGINT       NULL,
    actor_login  VARCHAR(100) NULL,
    at           DATETIME(6)  NOT NULL,
    changes      LONGTEXT     NOT NULL,
    KEY ix_record_changes_record (record_type, record_id, id),
    KEY ix_record_changes_at (at, id),
    KEY ix_record_changes_actor (actor_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Webhook endpoints. The secret is needed to sign, so it is kept (not a hash); the previous one
-- signs beside it until previous_expires_at after a rotation.
CREATE TABLE webhooks (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    owner_id             BIGINT        NOT NULL,
    url                  VARCHAR(2000) NOT NULL,
    events               VARCHAR(2000) NOT NULL,
    description          VARCHAR(500)  NULL,
    active               BOOLEAN       NOT NULL,
    disabled_reason      VARCHAR(300)  NULL,
    secret               VARCHAR(100)  NOT NULL,
    previous_secret      VARCHAR(100)  NULL,
    previous_expires_at  DATETIME(6)   NULL,
    failing_since        DATETIME(6)   NULL,
    created_at           DATETIME(6)   NOT NULL,
    updated_at           DATETIME(6)   NOT NULL,
    version              INT           NOT NULL,
    KEY ix_webhooks_active (active),
    CONSTRAINT fk_webhooks_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The transactional outbox: a row per change while any webhook is active, in the change's
-- transaction, with the record as it was stored then. The dispatcher turns rows into deliveries
-- and deletes them in one transaction (SKIP LOCKED: one instance takes a row), so a change that
-- commits late is still met on a later round, and a rolled-back one never was here.
CREATE TABLE event_outbox (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    change_id  BIGINT   NOT NULL,
    record     LONGTEXT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One message to one endpoint, with its attempts. record_key orders deliveries per record: a
-- message waits while an earlier one for the same record and endpoint is still pending.
-- lease_until claims a message for one instance while it is being sent.
CREATE TABLE webhook_deliveries (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    webhook_id       BIGINT        NOT NULL,
    change_id        BIGINT        NOT NULL,
    message_id       VARCHAR(40)   NOT NULL,
    event_type       VARCHAR(40)   NOT NULL,
    record_key       VARCHAR(40)   NOT NULL,
    owner_id         BIGINT        NULL,
    body             LONGTEXT      NOT NULL,
    state            VARCHAR(12)   NOT NULL,
    attempts         INT           NOT NULL,
    last_status      INT           NULL,
    last_error       VARCHAR(300)  NULL,
    last_duration_ms INT           NULL,
    created_at       DATETIME(6)   NOT NULL,
    last_attempt_at  DATETIME(6)   NULL,
    next_attempt_at  DATETIME(6)   NULL,
    lease_until      DATETIME(6)   NULL,
    KEY ix_deliveries_due (state, next_attempt_at),
    KEY ix_deliveries_order (webhook_id, record_key, state, change_id),
    KEY ix_deliveries_webhook (webhook_id, id),
    CONSTRAINT fk_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What belongs to a client: each has its own owner under the same scope, and goes with its
-- client to the trash (hidden while the client is trashed) and away on purge (cascade).
CREATE TABLE activities (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    client_id   BIGINT        NOT NULL,
    owner_id    BIGINT        NOT NULL,
    type        VARCHAR(20)   NOT NULL,
    subject     VARCHAR(500)  NOT NULL,
    notes       VARCHAR(5000) NULL,
    due_at      TIMESTAMP(6)  NULL,
    done        BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version     INT           NOT NULL DEFAULT 1,
    CONSTRAINT fk_activities_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT fk_activities_owner FOREIGN KEY (owner_id) REFERENCES users (id),
    CONSTRAINT ck_activities_type CHECK (type IN ('CALL', 'MEETING', 'TASK', 'NOTE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_activities_client ON activities (client_id, id);
CREATE INDEX ix_activities_owner ON activities (owner_id, id);
CREATE INDEX ix_activities_due ON activities (due_at);

CREATE TABLE deals (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    client_id   BIGINT         NOT NULL,
    owner_id    BIGINT         NOT NULL,
    title       VARCHAR(500)   NOT NULL,
    amount      DECIMAL(20, 2) NULL,
    currency    CHAR(3)        NULL,
    stage       VARCHAR(20)    NOT NULL,
    close_date  DATE           NULL,
    created_at  TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version     INT            NOT NULL DEFAULT 1,
    CONSTRAINT fk_deals_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT fk_deals_owner FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_deals_client ON deals (client_id, id);
CREATE INDEX ix_deals_owner ON deals (owner_id, id);

-- Document contents live in the data folder (files/), named by storage_key; the row is written
-- in the same step that makes the file final, so neither exists without the other.
CREATE TABLE documents (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    client_id     BIGINT        NOT NULL,
    owner_id      BIGINT        NOT NULL,
    file_name     VARCHAR(255)  NOT NULL,
    content_type  VARCHAR(255)  NOT NULL,
    size          BIGINT        NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    storage_key   CHAR(36)      NOT NULL,
    created_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version       INT           NOT NULL DEFAULT 1,
    CONSTRAINT uq_documents_storage UNIQUE (storage_key),
    CONSTRAINT fk_documents_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT fk_documents_owner FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_documents_client ON documents (client_id, id);
CREATE INDEX ix_documents_owner ON documents (owner_id, id);

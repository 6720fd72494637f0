ALTER TABLE sections ADD CONSTRAINT uq_sections_name UNIQUE (name);

-- Custom fields of the client card. A deleted field goes to the trash (deleted_at) with its values
-- kept, until it is purged on purpose.
CREATE TABLE fields (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    section_id  BIGINT       NOT NULL,
    field_key   VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    type        VARCHAR(20)  NOT NULL,
    required    BOOLEAN      NOT NULL DEFAULT FALSE,
    position    INT          NOT NULL,
    options     LONGTEXT     NULL CHECK (options IS NULL OR JSON_VALID(options)),
    max_length  INT          NULL,
    deleted_at  TIMESTAMP(6) NULL,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version     INT          NOT NULL DEFAULT 0,
    CONSTRAINT uq_fields_key UNIQUE (field_key),
    CONSTRAINT fk_fields_section FOREIGN KEY (section_id) REFERENCES sections (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_fields_section ON fields (section_id, position);

-- Clients. owner_id carries the scope; deleted_at is the trash.
CREATE TABLE clients (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(300) NOT NULL,
    owner_id    BIGINT       NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    deleted_at  TIMESTAMP(6) NULL,
    version     INT          NOT NULL DEFAULT 1,
    CONSTRAINT fk_clients_owner FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_clients_owner ON clients (owner_id, deleted_at, id);
CREATE INDEX ix_clients_name ON clients (name, id);
CREATE INDEX ix_clients_updated ON clients (updated_at, id);
CREATE INDEX ix_clients_created ON clients (created_at, id);

-- Custom values, one typed row per (client, field): each type in its own column so that filters
-- and sorts on a custom field use an index (field_id, value) instead of scanning JSON.
CREATE TABLE client_values (
    client_id   BIGINT         NOT NULL,
    field_id    BIGINT         NOT NULL,
    v_text      VARCHAR(2000)  NULL,
    v_number    DECIMAL(24, 6) NULL,
    v_date      DATE           NULL,
    v_datetime  DATETIME(6)    NULL,
    v_bool      BOOLEAN        NULL,
    PRIMARY KEY (client_id, field_id),
    CONSTRAINT fk_client_values_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT fk_client_values_field FOREIGN KEY (field_id) REFERENCES fields (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_values_text ON client_values (field_id, v_text(191));
CREATE INDEX ix_values_number ON client_values (field_id, v_number);
CREATE INDEX ix_values_date ON client_values (field_id, v_date);
CREATE INDEX ix_values_datetime ON client_values (field_id, v_datetime);
CREATE INDEX ix_values_bool ON client_values (field_id, v_bool);

-- Purged clients, so that a syncing app learns they are gone.
CREATE TABLE client_tombstones (
    client_id  BIGINT       NOT NULL PRIMARY KEY,
    owner_id   BIGINT       NOT NULL,
    purged_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_tombstones_purged ON client_tombstones (purged_at);

-- Allowed IP ranges (Settings → Security). Bounds are stored as 4- or 16-byte addresses so that
-- a range check is a byte comparison; the text forms are what the ADMIN entered.
CREATE TABLE ip_ranges (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    from_address VARBINARY(16) NOT NULL,
    to_address   VARBINARY(16) NOT NULL,
    from_text    VARCHAR(64)   NOT NULL,
    to_text      VARCHAR(64)   NOT NULL,
    cidr         VARCHAR(64)   NULL,
    description  VARCHAR(500)  NULL,
    created_at   TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version      INT           NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every refused login or request: who, from where, when, what.
CREATE TABLE security_events (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    kind        VARCHAR(40)  NOT NULL,
    user_id     BIGINT       NULL,
    login       VARCHAR(100) NULL,
    address     VARCHAR(64)  NOT NULL,
    method      VARCHAR(10)  NULL,
    path        VARCHAR(500) NULL,
    detail      VARCHAR(500) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_security_events_user ON security_events (user_id, id);

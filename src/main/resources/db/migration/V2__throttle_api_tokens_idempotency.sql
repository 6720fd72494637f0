-- Login throttling shared by every instance: failures per login and per address in a window.
CREATE TABLE login_throttle (
    throttle_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    failures      INT          NOT NULL,
    window_start  TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Long-lived, revocable tokens for scripts; only a SHA-256 of the secret is kept.
CREATE TABLE api_tokens (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT       NOT NULL,
    name          VARCHAR(200) NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    prefix        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    last_used_at  TIMESTAMP(6) NULL,
    expires_at    TIMESTAMP(6) NULL,
    token_version INT          NOT NULL,
    CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Idempotency-Key of a create: a retried request returns what the first one created.
CREATE TABLE idempotency_keys (
    caller_id     BIGINT       NOT NULL,
    idem_key      VARCHAR(200) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    resource_id   BIGINT       NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (caller_id, idem_key),
    CONSTRAINT fk_idempotency_caller FOREIGN KEY (caller_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

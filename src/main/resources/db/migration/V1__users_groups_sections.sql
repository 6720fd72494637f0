-- Users and the hierarchy (DESIGN.md §1). utf8mb4_unicode_ci makes logins unique case-insensitively.
CREATE TABLE users (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    login          VARCHAR(100)  NOT NULL,
    password_hash  VARCHAR(200)  NOT NULL,
    name           VARCHAR(200)  NOT NULL,
    email          VARCHAR(254)  NULL,
    type           VARCHAR(20)   NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    manager_id     BIGINT        NULL,
    rights         LONGTEXT      NOT NULL CHECK (JSON_VALID(rights)),
    field_access   LONGTEXT      NOT NULL DEFAULT '[]' CHECK (JSON_VALID(field_access)),
    token_version  INT           NOT NULL DEFAULT 0,
    created_at     TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at     TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version        INT           NOT NULL DEFAULT 0,
    CONSTRAINT uq_users_login UNIQUE (login),
    CONSTRAINT fk_users_manager FOREIGN KEY (manager_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT ck_users_type CHECK (type IN ('ADMIN', 'ADMINISTRATION', 'EMPLOYEE')),
    CONSTRAINT ck_users_status CHECK (status IN ('ACTIVE', 'BLOCKED', 'IP_RESTRICTED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_users_manager ON users (manager_id);

CREATE TABLE user_groups (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    version     INT          NOT NULL DEFAULT 0,
    CONSTRAINT uq_user_groups_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE group_members (
    group_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES user_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_group_members_user ON group_members (user_id);

-- Sections of the client card. The two built-in ones exist from the first start.
CREATE TABLE sections (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    position    INT          NOT NULL,
    built_in    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    version     INT          NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE section_groups (
    section_id BIGINT NOT NULL,
    group_id   BIGINT NOT NULL,
    PRIMARY KEY (section_id, group_id),
    CONSTRAINT fk_section_groups_section FOREIGN KEY (section_id) REFERENCES sections (id) ON DELETE CASCADE,
    CONSTRAINT fk_section_groups_group FOREIGN KEY (group_id) REFERENCES user_groups (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO sections (name, position, built_in) VALUES ('General', 1, TRUE), ('Details', 2, TRUE);

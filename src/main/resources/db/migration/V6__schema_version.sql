-- One counter raised by every change to sections, fields or section visibility. Each request reads
-- it in the same statement as its caller, so an in-memory copy of the card schema is used only
-- while it is current, on any number of instances sharing this database.
CREATE TABLE schema_state (
    id      TINYINT PRIMARY KEY,
    version BIGINT NOT NULL
) ENGINE = InnoDB;

INSERT INTO schema_state (id, version) VALUES (1, 1);

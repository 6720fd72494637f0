-- Background jobs (text indexer, webhook dispatch, retention, clean-ups) run on one instance of a
-- cluster at a time: the one holding the job's lease. Its holder renews it on every round; once
-- expires_at has passed (the holder was killed, or lost its database) another instance takes it.
-- A row, not GET_LOCK: Galera does not replicate named locks, so a lock taken on one node means
-- nothing on another, while a row is certified like any write (two nodes taking it at once: one
-- commit fails, that instance does not hold it). Times are the database's clock (UTC).
CREATE TABLE job_leases (
    name        VARCHAR(40)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(120) NOT NULL,
    expires_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

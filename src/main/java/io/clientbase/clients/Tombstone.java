package io.clientbase.clients;

import java.time.Instant;

/** A purged client, for syncing apps: its id and when it went. */
public record Tombstone(long id, Instant purgedAt) {
}

package io.clientbase.history;

import java.time.Instant;
import java.util.List;

/** A row of record_changes as stored: custom fields still named by id. */
public record HistoryEntry(long id, RecordType type, long recordId, HistoryAction action, Long ownerId, Long actorId,
                           String actorLogin, Instant at, List<FieldChange> changes) {
}

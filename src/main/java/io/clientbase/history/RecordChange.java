package io.clientbase.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A change to one record as its store made it, handed to the {@link ChangeJournal} inside the
 * change's transaction: the owner after it (the last one for a purge), what it set, and the record
 * as stored after it ({@code snapshot}, custom values keyed {@code f:<id>}; the last state for a purge).
 */
public record RecordChange(RecordType type, long recordId, HistoryAction action, Long ownerId, List<FieldChange> changes,
                           ObjectNode snapshot) {
}

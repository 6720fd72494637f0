package io.clientbase.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.history.ChangeJournal;
import io.clientbase.history.Diff;
import io.clientbase.history.HistoryAction;
import io.clientbase.history.RecordChange;
import io.clientbase.history.RecordType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Every change to a client, as {@link ClientStore} wrote it, goes to the history and the webhook
 * outbox in the same transaction. Old and new values come from the rows before and after, never
 * from the request, so a PATCH that names one member still records what that member was.
 */
@ApplicationScoped
public class ClientHistory implements ClientChangeListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChangeJournal journal;

    @Override
    public void changed(List<ClientChange> changes) {
        List<RecordChange> entries = new ArrayList<>(changes.size());
        for (ClientChange change : changes) {
            ObjectNode before = change.before() == null ? null : snapshot(change.before());
            ObjectNode after = change.after() == null ? null : snapshot(change.after());
            entries.add(new RecordChange(RecordType.CLIENT, change.current().id(), action(change), change.current().ownerId(),
                    change.kind() == ClientChange.Kind.PURGED ? List.of() : Diff.between(before, after),
                    after != null ? after : before));
        }
        journal.record(entries);
    }

    static HistoryAction action(ClientChange change) {
        return switch (change.kind()) {
            case CREATED -> HistoryAction.CREATED;
            case UPDATED -> change.ownerChanged() ? HistoryAction.OWNER_CHANGED : HistoryAction.UPDATED;
            case DELETED -> HistoryAction.DELETED;
            case RESTORED -> HistoryAction.RESTORED;
            case OWNER_CHANGED -> HistoryAction.OWNER_CHANGED;
            case PURGED -> HistoryAction.PURGED;
        };
    }

    /** The row as stored, its custom values keyed by field id as in its value document. */
    static ObjectNode snapshot(Client client) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", client.id());
        node.put("name", client.name());
        node.put("ownerId", client.ownerId());
        if (client.externalId() != null) {
            node.put("externalId", client.externalId());
        }
        node.set("fields", values(client.fieldValues()));
        node.put("createdAt", client.createdAt().toString());
        node.put("updatedAt", client.updatedAt().toString());
        if (client.deletedAt() != null) {
            node.put("deletedAt", client.deletedAt().toString());
        }
        node.put("version", client.version());
        return node;
    }

    private static JsonNode values(String document) {
        if (document == null || document.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable value document", e);
        }
    }
}

package io.clientbase.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.access.Action;
import io.clientbase.access.Area;
import io.clientbase.access.Caller;
import io.clientbase.access.CallerLoader;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.ScopeService;
import io.clientbase.access.UserStatus;
import io.clientbase.history.HistoryAction;
import io.clientbase.history.HistoryEntry;
import io.clientbase.history.HistoryService;
import io.clientbase.history.HistoryStore;
import io.clientbase.history.HistoryView;
import io.clientbase.history.RecordType;
import io.clientbase.schema.FieldVisibility;
import io.clientbase.schema.FieldVisibility.ValueColumn;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import io.clientbase.platform.JobLeases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the outbox into messages, one per endpoint that asked for the event and whose owner sees
 * the record: in his scope, with his right to view the area (user events: an ADMIN), with only the
 * custom fields visible to him; a change of hidden fields only is no event for him. The outbox rows
 * are claimed with SKIP LOCKED and deleted in the transaction that writes the messages, so each
 * becomes messages once, on one instance, and a crash in between leaves it for the next round.
 * Rounds run on the instance holding the webhooks job lease ({@link JobLeases}): SKIP LOCKED is
 * local to a Galera node, the lease is not.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final int OUTBOX_BATCH = 500;
    static final String JOB = "webhooks";

    @Inject
    JobLeases leases;

    @Inject
    WebhookStore store;

    @Inject
    HistoryStore history;

    @Inject
    CallerLoader callers;

    @Inject
    ScopeService scope;

    @Inject
    RightsEvaluator rights;

    @Inject
    FieldVisibility visibility;

    @Inject
    ObjectMapper mapper;

    @Inject
    WebhookSender sender;

    @Scheduled(every = "${clientbase.webhooks.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        if (!leases.hold(JOB)) {
            return; // another instance of the cluster dispatches and sends
        }
        while (QuarkusTransaction.requiringNew().call(this::dispatchOutbox) == OUTBOX_BATCH) {
            // a full batch: more may wait
        }
        sender.sendDue();
    }

    /** One batch of the outbox into messages; how many rows it took. */
    int dispatchOutbox() {
        List<WebhookStore.OutboxRow> rows = store.claimOutbox(OUTBOX_BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Webhook> webhooks = store.active();
        Map<Long, Optional<Reader>> readers = new HashMap<>();
        List<Long> done = new ArrayList<>();
        Map<Long, HistoryEntry> entries = history.byIds(rows.stream().map(WebhookStore.OutboxRow::changeId).toList());
        for (WebhookStore.OutboxRow row : rows) {
            HistoryEntry entry = entries.get(row.changeId());
            if (entry != null) {
                String type = WebhookEvents.of(entry.type(), entry.action());
                for (Webhook w : webhooks) {
                    if (w.wants(type)) {
                        readers.computeIfAbsent(w.ownerId(), this::reader)
                                .flatMap(reader -> body(reader, entry, type, row.record()))
                                .ifPresent(body -> store.insertDelivery(w.id(), entry.id(), "msg_" + entry.id() + "_" + w.id(), type,
                                        entry.type().key + ":" + entry.recordId(), entry.ownerId(), body));
                    }
                }
            }
            done.add(row.id());
        }
        store.deleteOutbox(done);
        return rows.size();
    }

    /** A webhook owner as a reader of the data: who he is now and what he sees of the card. */
    record Reader(Caller caller, VisibleSchema schema) {
    }

    Optional<Reader> reader(long ownerId) {
        return callers.load(ownerId).filter(c -> c.status() != UserStatus.BLOCKED).map(c -> new Reader(c, visibility.of(c)));
    }

    /** Whether the reader may learn of a change to a record owned by {@code recordOwner}. */
    boolean sees(Caller reader, RecordType type, Long recordOwner) {
        if (type == RecordType.USER) {
            return reader.isAdmin();
        }
        Area area = switch (type) {
            case CLIENT -> Area.CLIENTS;
            case ACTIVITY -> Area.ACTIVITIES;
            case DEAL -> Area.DEALS;
            case DOCUMENT -> Area.DOCUMENTS;
            case USER -> throw new IllegalStateException();
        };
        return rights.can(reader, area, Action.VIEW) && recordOwner != null && scope.scopeOf(reader).includes(recordOwner);
    }

    /** The message body for this reader, or empty when he may not see it (or sees no change in it). */
    Optional<String> body(Reader reader, HistoryEntry entry, String type, String record) {
        if (!sees(reader.caller(), entry.type(), entry.ownerId())) {
            return Optional.empty();
        }
        List<HistoryView.Change> changes = HistoryService.visible(entry.changes(), reader.schema());
        if (entry.action() == HistoryAction.UPDATED && changes.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode data = mapper.createObjectNode();
        data.put("id", entry.recordId());
        data.put("recordType", entry.type().key);
        data.put("action", entry.action().key);
        data.put("changeId", entry.id());
        data.put("at", entry.at().toString());
        ObjectNode actor = data.putObject("actor");
        actor.putPOJO("id", entry.actorId());
        actor.put("login", entry.actorLogin());
        data.set("changes", mapper.valueToTree(changes));
        data.set("record", visibleRecord(record, reader.schema()));
        ObjectNode body = mapper.createObjectNode();
        body.put("type", type);
        body.put("timestamp", entry.at().toString());
        body.set("data", data);
        try {
            return Optional.of(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record as stored with the change, its custom values keyed by the reader's visible keys. */
    private JsonNode visibleRecord(String record, VisibleSchema schema) {
        if (record == null) {
            return null;
        }
        ObjectNode node;
        try {
            node = (ObjectNode) mapper.readTree(record);
        } catch (JsonProcessingException | ClassCastException e) {
            return null;
        }
        JsonNode fields = node.get("fields");
        if (fields != null && fields.isObject()) {
            ObjectNode visible = mapper.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> value = it.next();
                ValueColumn column = column(value.getKey(), schema);
                if (column != null) {
                    visible.set(column.key(), value.getValue());
                }
            }
            node.set("fields", visible);
        }
        return node;
    }

    private static ValueColumn column(String id, VisibleSchema schema) {
        try {
            return schema.column(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

}

package io.clientbase.clients;

import io.clientbase.platform.ConflictRetries;
import io.clientbase.platform.IsoInstantSerializer;
import io.clientbase.platform.ShutdownSignal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.clientbase.access.Action;
import io.clientbase.access.Area;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.OwnerScope;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.ScopeService;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldValues;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bulk import and export of clients. Import validates each row exactly like a single create and
 * answers a per-row report: valid rows are created in batches of {@value #BATCH} (one transaction
 * each), invalid ones are listed with their line. Both directions stream: memory stays flat
 * whatever the size.
 */
@ApplicationScoped
public class ClientBulk {

    static final int BATCH = 1000;
    static final int MAX_REPORTED_ERRORS = 1000;

    @Inject
    TextIndexer textIndexer;

    @Inject
    CurrentCaller current;

    @Inject
    RightsEvaluator rights;

    @Inject
    ScopeService scope;

    @Inject
    FieldVisibility visibility;

    @Inject
    ClientService clients;

    @Inject
    ClientSearch search;

    @Inject
    ClientStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    /**
     * The import writers' threads: a managed executor of the application (no context carried over,
     * each batch opens its own transaction), shut down with it.
     */
    private final ManagedExecutor writerThreads = ManagedExecutor.builder()
            .maxAsync(4 * ImportWriters.WRITERS).propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();

    @PreDestroy
    void stop() {
        writerThreads.shutdown();
    }

    private final CsvMapper csv = new CsvMapper();

    @Inject
    io.clientbase.history.ChangeJournal journal;

    /** How rows with an externalId meet the clients that already hold one. */
    public enum Mode {
        /** Every row is a new client; a row naming a taken external id is reported. */
        CREATE,
        /** A row whose external id a client holds updates that client (a merge patch); the others are created. */
        UPSERT;

        static Mode named(String mode) {
            if (mode == null || mode.isBlank() || mode.equals("create")) {
                return CREATE;
            }
            if (mode.equals("upsert")) {
                return UPSERT;
            }
            throw ApiException.invalid("mode", "must be create or upsert");
        }
    }

    @Schema(name = "ImportReport")
    public record Report(
            @Schema(example = "99998") long created,
            @Schema(description = "Clients changed by rows of an upsert whose externalId they hold", example = "0") long updated,
            @Schema(description = "Rows of an upsert that matched a client by externalId and changed nothing: it was left as is",
                    example = "0") long unchanged,
            @Schema(example = "2") long failed,
            @Schema(description = "The failed rows (the first 1000), by line of the input", maxItems = 1000) List<RowError> errors,
            @Schema(description = "false when the server began to shut down during the import: the rows before resumeAtLine "
                    + "were handled (created or reported), none after it", example = "true") boolean complete,
            @Schema(description = "Only when not complete: the first line of the input not read. Send the input again from "
                    + "this line (a CSV with its header line first) to finish the import", example = "42001") Long resumeAtLine) {
    }

    @Schema(name = "ImportRowError")
    public record RowError(@Schema(example = "17") long line, @Schema(maxItems = Problem.MAX_ERRORS) List<Problem.FieldError> errors) {
    }

    /**
     * A validated row: what it creates (its values as a create sets them) or, in an upsert whose
     * external id a client holds, what it changes there (a merge patch: {@code name}, {@code
     * givenOwner} and null values only where given). {@code createErrors} say why it cannot be a
     * new client (a required field missing), decided only once the writer knows which it is.
     */
    private record Row(long line, String name, long ownerId, Map<Field, TypedValue> values, String externalId,
                       Long givenOwner, Map<Field, TypedValue> patch, List<Problem.FieldError> createErrors)
            implements ClientStore.NewClient {
    }

    /** What a batch did. */
    private record Outcome(long created, long updated, long unchanged, List<RowError> errors) {
    }

    // ---- import ---------------------------------------------------------------------------

    /** A CSV import; {@code delimiter} as the caller named it, or null to take it from the header line. */
    public Report importCsv(InputStream body, java.nio.charset.Charset charset, String delimiter, Mode mode) {
        Character named = CsvDialect.named(delimiter);
        return textIndexer.duringImport(() -> {
            try (Context ctx = context(mode)) {
                return readCsv(body, charset, named, ctx);
            }
        });
    }

    public Report importJsonLines(InputStream body, java.nio.charset.Charset charset, Mode mode) {
        return textIndexer.duringImport(() -> {
            try (Context ctx = context(mode)) {
                return readJsonLines(body, charset, ctx);
            }
        });
    }

    private Report readCsv(InputStream body, java.nio.charset.Charset charset, Character delimiter, Context ctx) {
        BufferedReader text = CsvDialect.withoutBom(new InputStreamReader(body, charset));
        char separator = delimiter != null ? delimiter : CsvDialect.detect(text);
        try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(separator))
                .with(CsvParser.Feature.TRIM_SPACES)
                .readValues(text)) {
            boolean headerChecked = false;
            while (rows.hasNextValue()) {
                long line = rows.getCurrentLocation().getLineNr();
                Map<String, String> row = rows.nextValue();
                if (!headerChecked) {
                    checkColumns(row.keySet(), ctx.schema);
                    headerChecked = true;
                }
                if (!ctx.accept(line, () -> fromCsv(row, ctx.schema, ctx.mode))) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new ApiException(io.clientbase.platform.problem.ProblemKind.BAD_REQUEST,
                    "The CSV cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException j) {
                throw new ApiException(io.clientbase.platform.problem.ProblemKind.BAD_REQUEST, "The CSV cannot be read: " + j.getOriginalMessage());
            }
            throw e;
        }
        return ctx.finish();
    }

    private Report readJsonLines(InputStream body, java.nio.charset.Charset charset, Context ctx) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, charset))) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String json = text;
                if (!ctx.accept(line, () -> fromJson(json))) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ctx.finish();
    }

    private Context context(Mode mode) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.CREATE);
        if (mode == Mode.UPSERT) {
            rights.require(caller, Area.CLIENTS, Action.EDIT);
        }
        return new Context(caller, visibility.of(caller), scope.assignableOwners(caller), mode);
    }

    private void checkColumns(Set<String> columns, VisibleSchema schema) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String column : columns) {
            if (!IMPORT_MEMBERS.contains(column) && schema.field(column).isEmpty()) {
                errors.add(new Problem.FieldError(column, "is not a column of the import: name, ownerId, externalId or a field key"));
            }
        }
        if (!columns.contains("name")) {
            errors.add(new Problem.FieldError("name", "the header must have a name column"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static final Set<String> IMPORT_MEMBERS = Set.of("name", "ownerId", "externalId");

    /**
     * A CSV row as the JSON a single create would receive, so that both are validated alike. In an
     * upsert an empty cell of a field column is a null: an update removes that value.
     */
    private ClientRequest fromCsv(Map<String, String> row, VisibleSchema schema, Mode mode) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        Long owner = null;
        for (var cell : row.entrySet()) {
            String key = cell.getKey();
            String raw = SpreadsheetSafe.value(cell.getValue());
            if (key.equals("name") || key.equals("externalId")) {
                continue;
            }
            if (raw == null || raw.isEmpty()) {
                if (mode == Mode.UPSERT && !key.equals("ownerId")) {
                    fields.putNull(key);
                }
                continue;
            }
            if (key.equals("ownerId")) {
                try {
                    owner = Long.valueOf(raw);
                } catch (NumberFormatException e) {
                    throw ApiException.invalid("ownerId", "must be a user id");
                }
                continue;
            }
            fields.set(key, cellValue(schema.field(key).get().field().type, raw));
        }
        String externalId = SpreadsheetSafe.value(row.get("externalId"));
        return new ClientRequest(SpreadsheetSafe.value(row.get("name")), owner, fields,
                externalId == null || externalId.isEmpty() ? null : externalId);
    }

    private static JsonNode cellValue(FieldType type, String raw) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        switch (type) {
            case NUMBER, MONEY -> {
                try {
                    return json.numberNode(new BigDecimal(raw));
                } catch (NumberFormatException e) {
                    return json.textNode(raw);
                }
            }
            case CHECKBOX -> {
                return raw.equals("true") || raw.equals("false") ? json.booleanNode(Boolean.parseBoolean(raw)) : json.textNode(raw);
            }
            case MULTISELECT -> {
                ArrayNode items = json.arrayNode();
                for (String item : raw.split("\\|")) {
                    items.add(item.strip());
                }
                return items;
            }
            default -> {
                return json.textNode(raw);
            }
        }
    }

    private ClientRequest fromJson(String line) {
        try {
            JsonNode node = mapper.readTree(line);
            if (!node.isObject()) {
                throw ApiException.invalid("line", "must be a JSON object");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("fields") && !IMPORT_MEMBERS.contains(name)) {
                    throw ApiException.invalid(name, "is not a known member");
                }
            }
            return mapper.treeToValue(node, ClientRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("line", "is not valid JSON for a client: " + e.getOriginalMessage());
        }
    }

    /** One import's running state: the caller's schema and owners, the pending batch, the report. */
    private final class Context implements AutoCloseable {
        final Caller caller;
        final VisibleSchema schema;
        final Set<Long> owners;
        final OwnerScope visible;
        final Mode mode;
        final List<Row> pending = new ArrayList<>(BATCH);
        final List<RowError> errors = new ArrayList<>();
        long failed;
        long created;
        long updated;
        long unchanged;
        Long resumeAt;

        final ImportWriters<Row, Outcome> writers;

        Context(Caller caller, VisibleSchema schema, Set<Long> owners, Mode mode) {
            this.caller = caller;
            this.schema = schema;
            this.owners = owners;
            this.visible = scope.scopeOf(caller);
            this.mode = mode;
            this.writers = new ImportWriters<>((batch, beforeIds, afterIds) -> journal.actingAs(caller,
                    () -> write(batch, beforeIds, afterIds)), writerThreads, this::add,
                    reason -> ConflictRetries.counted(metrics, reason));
        }

        /**
         * Validates one row and queues it; false when the import stops here: the server is
         * shutting down and the batch that ends with this row has been handed to the writers.
         */
        boolean accept(long line, java.util.function.Supplier<ClientRequest> read) {
            try {
                pending.add(validated(line, read.get()));
            } catch (ApiException e) {
                failed(line, e.errors().isEmpty() ? List.of(new Problem.FieldError("line", e.getMessage())) : e.errors());
            }
            if (pending.size() >= BATCH) {
                flush();
                if (ShutdownSignal.stopping()) {
                    resumeAt = line + 1;
                    return false;
                }
            }
            return true;
        }

        /** A row checked like a single create (and, in an upsert with an external id, like a patch too). */
        private Row validated(long line, ClientRequest request) {
            String name = request.name() == null ? null : request.name().strip();
            if (name != null && name.isEmpty()) {
                throw ApiException.invalid("name", "must not be blank");
            }
            if (name != null && name.length() > 300) {
                throw ApiException.invalid("name", "must be at most 300 characters");
            }
            if (request.ownerId() != null && !owners.contains(request.ownerId())) {
                throw ApiException.invalid("ownerId", "must name a user inside your scope");
            }
            String externalId = request.externalId() == null ? null : ExternalIds.check("externalId", request.externalId());
            long owner = request.ownerId() != null ? request.ownerId() : caller.id();
            boolean mayUpdate = mode == Mode.UPSERT && externalId != null;
            Map<Field, TypedValue> patch = mayUpdate ? clients.customValues(request.fields(), schema, false) : Map.of();
            List<Problem.FieldError> createErrors = List.of();
            Map<Field, TypedValue> values = Map.of();
            try {
                if (name == null) {
                    throw ApiException.invalid("name", "must not be blank");
                }
                values = clients.customValues(request.fields(), schema, true);
            } catch (ApiException e) {
                if (!mayUpdate) {
                    throw e;
                }
                createErrors = e.errors().isEmpty() ? List.of(new Problem.FieldError("line", e.getMessage())) : e.errors();
            }
            return new Row(line, name, owner, values, externalId, request.ownerId(), patch, createErrors);
        }

        void failed(long line, List<Problem.FieldError> why) {
            failed++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new RowError(line, why));
            }
        }

        /** A batch's outcome, on the reading thread. */
        void add(Outcome outcome) {
            created += outcome.created();
            updated += outcome.updated();
            unchanged += outcome.unchanged();
            outcome.errors().forEach(e -> failed(e.line(), e.errors()));
        }

        /**
         * One batch in its transaction: the rows whose external id a client holds become its
         * updates (upsert) or are reported (create); the others are inserted in one statement, in
         * the batch's turn. A later row of the batch with the external id of an earlier new one
         * updates it.
         */
        private Outcome write(List<Row> batch, Runnable beforeIds, Runnable afterIds) {
            Set<String> keys = new java.util.HashSet<>();
            batch.forEach(r -> {
                if (r.externalId() != null) {
                    keys.add(r.externalId());
                }
            });
            Map<String, Client> holders = store.byExternalIds(keys);
            Map<String, Row> newHere = new java.util.HashMap<>();
            List<Row> creates = new ArrayList<>(batch.size());
            List<Row> updates = new ArrayList<>();
            List<RowError> rowErrors = new ArrayList<>();
            for (Row row : batch) {
                String key = row.externalId();
                boolean held = key != null && (holders.containsKey(key) || newHere.containsKey(key));
                if (held && mode == Mode.UPSERT) {
                    updates.add(row);
                } else if (held) {
                    rowErrors.add(new RowError(row.line(), List.of(newHere.containsKey(key)
                            ? new Problem.FieldError("externalId", "repeats line " + newHere.get(key).line())
                            : new Problem.FieldError("externalId", "is taken: another client already has it"))));
                } else if (!row.createErrors().isEmpty()) {
                    rowErrors.add(new RowError(row.line(), row.createErrors()));
                } else {
                    creates.add(row);
                    if (key != null) {
                        newHere.put(key, row);
                    }
                }
            }
            long[] ids;
            if (creates.isEmpty()) {
                beforeIds.run();
                afterIds.run();
                ids = new long[0];
            } else {
                ids = store.insertAll(creates, beforeIds, afterIds);
            }
            Map<String, Long> createdIds = new java.util.HashMap<>();
            for (int i = 0; i < creates.size(); i++) {
                if (creates.get(i).externalId() != null) {
                    createdIds.put(creates.get(i).externalId(), ids[i]);
                }
            }
            Map<Long, Client> locked = store.lockInIdOrder(updates.stream().map(r -> holders.get(r.externalId())).filter(java.util.Objects::nonNull)
                    .map(Client::id).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
            long changed = 0;
            long same = 0;
            for (Row row : updates) {
                Client holder = holders.get(row.externalId());
                long id = holder != null ? holder.id() : createdIds.get(row.externalId());
                List<Problem.FieldError> refused = update(id, row, locked);
                if (refused == null) {
                    same++;
                } else if (refused.isEmpty()) {
                    changed++;
                } else {
                    rowErrors.add(new RowError(row.line(), refused));
                }
            }
            return new Outcome(creates.size(), changed, same, rowErrors);
        }

        /**
         * A row's patch on the client holding its external id, under the rules of a single update:
         * why not, or empty when done, or null when it changes nothing (the client is left as is:
         * same version, no history entry, no event). {@code locked} holds the clients this batch locked, as
         * they are now; a client created earlier in the batch is read here.
         */
        private List<Problem.FieldError> update(long id, Row row, Map<Long, Client> locked) {
            Client before = locked.containsKey(id) ? locked.get(id) : store.lockById(id);
            if (before == null || !row.externalId().equals(before.externalId()) || !visible.includes(before.ownerId())) {
                return List.of(new Problem.FieldError("externalId", "is taken: another client already has it"));
            }
            if (before.inTrash()) {
                return List.of(new Problem.FieldError("externalId", "belongs to client " + before.id() + ", in the trash: restore it first"));
            }
            Client changed = before;
            if (row.name() != null) {
                changed = changed.withName(row.name());
            }
            if (row.givenOwner() != null) {
                changed = changed.withOwner(row.givenOwner());
            }
            if (!ClientStore.changes(before, changed, row.patch())) {
                return null;
            }
            ClientChange.Kind kind = changed.ownerId() != before.ownerId() ? ClientChange.Kind.OWNER_CHANGED : ClientChange.Kind.UPDATED;
            locked.put(id, store.update(kind, before, changed, row.patch()));
            return List.of();
        }

        Report finish() {
            flush();
            writers.finish();
            errors.sort(java.util.Comparator.comparingLong(RowError::line));
            return new Report(created, updated, unchanged, failed, errors, resumeAt == null, resumeAt);
        }

        /** Batches already handed to the writers are finished, whatever stopped the import. */
        @Override
        public void close() {
            writers.close();
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Row> batch = List.copyOf(pending);
            pending.clear();
            writers.submit(batch);
        }
    }

    // ---- export ---------------------------------------------------------------------------

    /**
     * Writes the caller's clients (scope, filters and visible fields as for the list) as CSV,
     * page by page in id order, so memory does not grow with the number of clients; with the separator
     * and byte-order mark that Excel in the caller's locale expects.
     */
    public jakarta.ws.rs.core.StreamingOutput exportCsv(ClientListQuery.Parameters criteria, String delimiter, boolean bom) {
        Character named = CsvDialect.named(delimiter);
        char separator = named == null ? ',' : named;
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        refuseListOnlyParameters(criteria.query().keySet());
        VisibleSchema schema = visibility.of(caller);
        OwnerScope visible = scope.scopeOf(caller);
        CsvSchema.Builder columns = CsvSchema.builder().addColumn("id").addColumn("name").addColumn("ownerId")
                .addColumn("createdAt").addColumn("updatedAt").addColumn("externalId");
        // the visible fields in the card's order, the order of ValueDocument.cells
        schema.columns().forEach(column -> columns.addColumn(column.key()));
        // the filters are checked now, before the first byte is sent
        ClientListQuery.Parameters first = new ClientListQuery.Parameters(null, null, "id", criteria.q(), criteria.ownerId(), null, false,
                criteria.query());
        search.search(visible, schema, first, 1);
        return out -> {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            write(out, columns.build().withHeader().withColumnSeparator(separator), visible, schema, first);
        };
    }

    /** Parameters of the list that the export does not apply (an export must not hold more than was asked for). */
    static final Set<String> LIST_ONLY_PARAMETERS = Set.of("limit", "cursor", "sort", "updatedSince", "deleted");

    private static void refuseListOnlyParameters(Set<String> names) {
        names.stream().filter(LIST_ONLY_PARAMETERS::contains).sorted().findFirst().ifPresent(name -> {
            throw ClientListQuery.unknownParameter(name, "is a parameter of the list, not of the export: the export streams every "
                    + "matching client in id order (filters: q, ownerId, field.<key>)");
        });
    }

    private void write(OutputStream out, CsvSchema columns, OwnerScope visible, VisibleSchema schema,
                       ClientListQuery.Parameters first) throws IOException {
        // sent a page at a time: the writer's flush after each row made one write to the connection per client,
        // each handed to the event loop (with it, a third of the application's CPU for a head's 50,000 clients)
        try (SequenceWriter writer = csv.writer(columns).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).writeValues(out)) {
            String cursor = null;
            do {
                ClientListQuery.Parameters page = new ClientListQuery.Parameters(null, cursor, first.sort(), first.q(), first.ownerId(),
                        null, false, first.query());
                ClientSearch.Result result = search.search(visible, schema, page, 2000);
                for (Client client : result.clients()) {
                    writer.write(row(client, ValueDocument.cells(client.fieldValues(), schema)));
                }
                writer.flush();
                cursor = search.cursorAfter(result, null);
            } while (cursor != null);
        }
    }

    /** A client's cells: its own columns, then each visible field's value as the list shows it, in the header's order. */
    private static List<String> row(Client client, String[] values) {
        List<String> cells = new ArrayList<>(6 + values.length);
        cells.add(Long.toString(client.id()));
        cells.add(SpreadsheetSafe.cell(client.name()));
        cells.add(Long.toString(client.ownerId()));
        cells.add(IsoInstantSerializer.text(client.createdAt()));
        cells.add(IsoInstantSerializer.text(client.updatedAt()));
        cells.add(client.externalId() == null ? "" : SpreadsheetSafe.cell(client.externalId()));
        for (String v : values) {
            cells.add(v == null ? "" : SpreadsheetSafe.cell(v));
        }
        return cells;
    }

}

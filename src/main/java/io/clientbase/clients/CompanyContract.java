package io.clientbase.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues;
import io.clientbase.schema.FieldVisibility;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract as one caller's company and rights make it: the client's {@code fields} typed with
 * the custom fields this caller may see (read-only ones marked {@code readOnly}, and left out of
 * what a request may send), so that a generated client is typed for this company's card. Nothing
 * of a field the caller may not see appears, and no example of the static contract either (they
 * name example keys that a company may well use for a hidden field).
 * <p>
 * The document depends only on the visible fields, so it is built once per distinct set of them
 * (per schema version and visibility) and kept; its ETag is that set's digest.
 */
@ApplicationScoped
public class CompanyContract {

    private static final String DEFAULT_DOCUMENT = "<default>";
    private static final int KEPT = 64;

    @Inject
    OpenApiDocumentService documents;

    @Inject
    FieldVisibility visibility;

    @Inject
    CurrentCaller current;

    private final ObjectMapper json = new ObjectMapper();
    private volatile byte[] served;
    private volatile int servedHash;
    private final Map<String, byte[]> built = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    });

    /** The document and its ETag. */
    public record Document(byte[] json, String etag) {
    }

    public Document forCaller() {
        Caller caller = current.get();
        List<FieldVisibility.VisibleField> fields = List.copyOf(visibility.of(caller).fields());
        String digest = digest(baseHash(), fields);
        byte[] body = built.computeIfAbsent(digest, d -> build(fields));
        return new Document(body, digest);
    }

    private byte[] build(List<FieldVisibility.VisibleField> fields) {
        try {
            ObjectNode document = (ObjectNode) json.readTree(baseDocument());
            withoutExamples(document);
            withoutHeaderStyles(document);
            ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
            schemas.set("ClientFields", valuesSchema(fields, false));
            schemas.set("ClientFieldsInput", valuesSchema(fields, true));
            retype(schemas.path("Client"), "ClientFields");
            retype(schemas.path("ClientRequest"), "ClientFieldsInput");
            ((ObjectNode) document.path("info")).put("description", document.path("info").path("description").asText()
                    + " This document types the client's fields as the calling user sees them.");
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void retype(JsonNode schema, String fieldsSchema) {
        if (schema.path("properties").has("fields")) {
            ObjectNode member = json.createObjectNode();
            member.put("$ref", "#/components/schemas/" + fieldsSchema);
            member.put("description", schema.path("properties").path("fields").path("description").asText());
            ((ObjectNode) schema.path("properties")).set("fields", member);
        }
    }

    /** The visible fields as members; for a request, only the writable ones, each nullable (null removes the value). */
    private ObjectNode valuesSchema(List<FieldVisibility.VisibleField> fields, boolean request) {
        ObjectNode schema = json.createObjectNode().put("type", "object").put("additionalProperties", false);
        schema.put("description", request
                ? "The custom values this caller may set, by field key; null removes a value. A required field must be given on create."
                : "The custom values this caller may see, by field key; a field without a value is absent.");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode example = json.createObjectNode();
        for (FieldVisibility.VisibleField visible : fields) {
            if (request && visible.readOnly()) {
                continue;
            }
            Field field = visible.field();
            ObjectNode member = typeOf(field);
            member.put("title", field.name);
            if (visible.readOnly()) {
                member.put("readOnly", true);
            }
            if (request) {
                ArrayNode types = json.createArrayNode().add(member.path("type").asText()).add("null");
                member.set("type", types);
            }
            properties.set(field.key, member);
            if (example.size() < 3) {
                example.set(field.key, exampleOf(field));
            }
        }
        schema.put("maxProperties", properties.size());
        schema.set("examples", json.createArrayNode().add(example));
        return schema;
    }

    private ObjectNode typeOf(Field field) {
        ObjectNode member = json.createObjectNode();
        switch (field.type) {
            case TEXT -> member.put("type", "string").put("maxLength", field.maxLength == null ? FieldValues.TEXT_MAX : field.maxLength);
            case EMAIL -> member.put("type", "string").put("format", "email").put("maxLength", 254);
            case PHONE -> member.put("type", "string").put("maxLength", 32).put("pattern", "^\\+?[0-9 ()\\-.]{3,32}$");
            case URL -> member.put("type", "string").put("format", "uri").put("maxLength", FieldValues.TEXT_MAX);
            case NUMBER, MONEY -> member.put("type", "number")
                    .put("exclusiveMinimum", FieldValues.NUMBER_LIMIT.negate()).put("exclusiveMaximum", FieldValues.NUMBER_LIMIT);
            case DATE -> member.put("type", "string").put("format", "date").put("maxLength", 32);
            case DATETIME -> member.put("type", "string").put("format", "date-time").put("maxLength", 64);
            case CHECKBOX -> member.put("type", "boolean");
            case SELECT -> member.put("type", "string").set("enum", options(field));
            case MULTISELECT -> {
                member.put("type", "array").put("uniqueItems", true).put("maxItems", field.options == null ? 0 : field.options.size());
                member.putObject("items").put("type", "string").set("enum", options(field));
            }
            default -> member.put("type", "string");
        }
        return member;
    }

    private ArrayNode options(Field field) {
        ArrayNode options = json.createArrayNode();
        (field.options == null ? List.<String>of() : field.options).forEach(options::add);
        return options;
    }

    private JsonNode exampleOf(Field field) {
        return switch (field.type) {
            case NUMBER, MONEY -> json.getNodeFactory().numberNode(BigDecimal.valueOf(42));
            case CHECKBOX -> json.getNodeFactory().booleanNode(true);
            case DATE -> json.getNodeFactory().textNode("2026-03-01");
            case DATETIME -> json.getNodeFactory().textNode("2026-03-01T09:30:00Z");
            case EMAIL -> json.getNodeFactory().textNode("client@example.com");
            case PHONE -> json.getNodeFactory().textNode("+7 495 123-45-67");
            case URL -> json.getNodeFactory().textNode("https://example.com");
            case SELECT -> json.getNodeFactory().textNode(field.options == null || field.options.isEmpty() ? "" : field.options.get(0));
            case MULTISELECT -> {
                ArrayNode some = json.createArrayNode();
                if (field.options != null && !field.options.isEmpty()) {
                    some.add(field.options.get(0));
                }
                yield some;
            }
            default -> json.getNodeFactory().textNode("…");
        };
    }

    /**
     * The JSON form of the served document spells out each header's default style ("simple"),
     * which swagger-parser (and so openapi-generator) refuses in an OpenAPI 3.1 document; the
     * YAML form leaves it out, and so does this document.
     */
    private static void withoutHeaderStyles(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode headers = object.get("headers");
            if (headers instanceof ObjectNode named) {
                named.elements().forEachRemaining(h -> {
                    if (h instanceof ObjectNode header && "simple".equals(header.path("style").asText())) {
                        header.remove("style");
                    }
                });
            }
            object.elements().forEachRemaining(CompanyContract::withoutHeaderStyles);
        } else if (node instanceof ArrayNode array) {
            array.forEach(CompanyContract::withoutHeaderStyles);
        }
    }

    /** The static contract's examples name example field keys; a company's document shows none of them. */
    private static void withoutExamples(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("example");
            object.remove("examples");
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                withoutExamples(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(CompanyContract::withoutExamples);
        }
    }

    /** The served contract, read once: it does not change while the application runs. */
    private byte[] baseDocument() {
        byte[] base = served;
        if (base == null) {
            base = documents.getDocument(DEFAULT_DOCUMENT, Format.JSON);
            served = base;
        }
        return base;
    }

    private int baseHash() {
        if (servedHash == 0) {
            servedHash = java.util.Arrays.hashCode(baseDocument()) | 1;
        }
        return servedHash;
    }

    /** What the document is made of: the served contract and the visible fields. */
    private static String digest(int base, List<FieldVisibility.VisibleField> fields) {
        StringBuilder description = new StringBuilder().append(base).append('\n');
        for (FieldVisibility.VisibleField visible : fields) {
            Field f = visible.field();
            description.append(f.key).append('\u0000').append(f.name).append('\u0000').append(f.type).append('\u0000')
                    .append(f.required).append('\u0000').append(f.options).append('\u0000').append(f.maxLength).append('\u0000')
                    .append(visible.readOnly()).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(description.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.clientbase.history;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One member of a record that a change set: its value before and after, as the API shows them
 * (null for none). Stored custom fields are named {@code f:<id>} ({@link Diff#CUSTOM_PREFIX}) until
 * a reader's schema names them.
 */
public record FieldChange(String field, JsonNode from, JsonNode to) {
}

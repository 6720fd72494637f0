package io.clientbase.schema;

/**
 * Fired inside the transaction that purges a field for good: the package that keeps the values
 * (clients) removes them, so that schema never writes another package's tables.
 */
public record FieldPurged(long fieldId) {
}

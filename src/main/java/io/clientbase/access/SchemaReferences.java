package io.clientbase.access;

/**
 * The sections and fields that field-access rules name, answered by {@code schema}: users can
 * check a rule without importing the schema's entities.
 */
public interface SchemaReferences {

    boolean sectionExists(long sectionId);

    boolean fieldExists(long fieldId);

    /** The names of the sections whose visibility a group restricts, in name order. */
    java.util.List<String> sectionsRestrictedTo(long groupId);
}

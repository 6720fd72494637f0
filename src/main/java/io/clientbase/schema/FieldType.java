package io.clientbase.schema;

/** The types of custom fields. A field's type never changes after creation. */
public enum FieldType {
    TEXT, NUMBER, DATE, CHECKBOX, SELECT, MULTISELECT, EMAIL, PHONE, URL, DATETIME, MONEY;

    public boolean hasOptions() {
        return this == SELECT || this == MULTISELECT;
    }

    /** Types whose filters take gte / lte. */
    public boolean isRanged() {
        return this == NUMBER || this == MONEY || this == DATE || this == DATETIME;
    }
}

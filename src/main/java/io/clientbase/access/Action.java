package io.clientbase.access;

public enum Action {
    VIEW, CREATE, EDIT, DELETE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

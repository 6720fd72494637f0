package io.clientbase.platform;

import io.clientbase.platform.problem.ApiException;

/**
 * How many settings a company may hold. Their lists are answered whole (no cursor), so each is
 * bounded here, stated in the contract as the list's maxItems, and a create beyond it answers 422.
 * Far above what a small business configures, low enough that a list stays one small answer.
 */
public final class Limits {

    public static final int SECTIONS = 200;
    /** Fields in the trash count: they come back with a restore. */
    public static final int FIELDS = 1000;
    public static final int GROUPS = 1000;
    public static final int IP_RANGES = 1000;
    public static final int WEBHOOKS = 100;
    public static final int API_TOKENS_PER_USER = 100;
    public static final int USERS = 100_000;
    /** Purged clients per tombstone answer; the next ones come with the next cursor. */
    public static final int TOMBSTONES_PER_PAGE = 10_000;

    private Limits() {
    }

    /** Refuses a create when {@code existing} already reaches {@code max}. */
    public static void requireRoom(long existing, int max, String what) {
        if (existing >= max) {
            throw ApiException.invalid(what, "at most " + max + " may exist; delete one first");
        }
    }
}

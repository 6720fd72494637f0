package io.clientbase.access;

/**
 * The check still owed for a remembered caller: that the access counter and the card schema's
 * version stand where they stood when he was loaded ({@link CallerLoader}). While an endpoint
 * {@link CheckedByItsRead} runs, the check is bound to its thread, and the first store read that
 * finds it and returns a row reads the counters as two more columns of that row ({@link #carriedBy});
 * when nothing does, {@link CheckedReads} asks in a round trip of its own before answering.
 * <p>
 * Why: that primary-key statement was one of the two statements of a page. Carried by the page's
 * read, a page of 50 costs 5-8 % less CPU and serves 5-7.5 % more requests (2026-12-05, 200,000
 * clients, the two variants running side by side and measured in turn:
 * {@code bench/results/2026-12-05-caller-check-in-the-read-ab-200k.txt}). Sent as a second
 * statement in the same round trip (allowMultiQueries) it showed no gain: the server's cost is the
 * statement more than the trip.
 */
public final class CallerCheck {

    private static final ThreadLocal<CallerCheck> OWED = new ThreadLocal<>();

    private final long accessVersion;
    private final long schemaVersion;
    private Boolean passed;

    CallerCheck(long accessVersion, long schemaVersion) {
        this.accessVersion = accessVersion;
        this.schemaVersion = schemaVersion;
    }

    /** The check a read on this thread should carry, or null when none is owed or it was made. */
    public static CallerCheck owedHere() {
        CallerCheck owed = OWED.get();
        return owed == null || owed.passed != null ? null : owed;
    }

    /**
     * {@code sql} - a single {@code SELECT x.* …}, maybe after a {@code SET STATEMENT … FOR} - with the
     * two counters as its last columns ({@link #COLUMNS}), or null when it has another shape. Each is
     * a primary-key subquery the server reads once per statement, as the statement begins.
     */
    public static String carriedBy(String sql) {
        int select = sql.startsWith("SET STATEMENT ") ? sql.indexOf(" FOR SELECT ") + " FOR ".length() : 0;
        int star = select + "SELECT x".length();
        if (!sql.startsWith("SELECT ", select) || !sql.startsWith(".* ", star)) {
            return null;
        }
        return sql.substring(0, star + 2) + COUNTERS + sql.substring(star + 2);
    }

    /** The counters' columns that {@link #carriedBy} adds. */
    public static final String[] COLUMNS = {"caller_access_version", "caller_schema_version"};
    private static final String COUNTERS = ", (SELECT a.version FROM access_state a WHERE a.id = 1) AS " + COLUMNS[0]
            + ", (SELECT s.version FROM schema_state s WHERE s.id = 1) AS " + COLUMNS[1];

    /**
     * Reads the counters from a row of a statement {@link #carriedBy} made; throws {@link Changed} when they
     * moved, so that the read's rows are never used.
     */
    public void read(long access, long schema) {
        passed = stands(access, schema);
        if (!passed) {
            throw new Changed();
        }
    }

    boolean stands(long access, long schema) {
        return access == accessVersion && schema == schemaVersion;
    }

    /** Whether the check was made in a read, and how it came out (null: not made). */
    Boolean passed() {
        return passed;
    }

    void bind() {
        OWED.set(this);
    }

    static void unbind() {
        OWED.remove();
    }

    /** The remembered caller is no longer the caller as stored: the answer is made again. */
    public static final class Changed extends RuntimeException {
        Changed() {
            super("the caller changed since he was remembered", null, false, false);
        }
    }
}

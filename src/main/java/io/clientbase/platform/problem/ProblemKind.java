package io.clientbase.platform.problem;

/** Each kind of failure has a stable problem {@code type} URI ending in its name. */
public enum ProblemKind {
    BAD_REQUEST("bad-request", 400, "Bad request"),
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    UNKNOWN_MEMBER("unknown-member", 400, "Unknown member"),
    WRONG_TYPE("wrong-type", 400, "Wrong JSON type"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    USER_BLOCKED("user-blocked", 403, "User blocked"),
    IP_NOT_ALLOWED("ip-not-allowed", 403, "IP address not allowed"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    URI_TOO_LONG("uri-too-long", 414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    VALIDATION("validation", 422, "Validation failed"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key reused"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers too large"),
    INTERNAL("internal", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    public static final String TYPE_BASE = "https://clientbase.io/problems/";

    private final String kindName;
    private final int status;
    private final String title;

    ProblemKind(String kindName, int status, String title) {
        this.kindName = kindName;
        this.status = status;
        this.title = title;
    }

    public String type() {
        return TYPE_BASE + kindName;
    }

    /** The last segment of {@link #type()}: stable, never translated. */
    public String kindName() {
        return kindName;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ProblemKind forStatus(int status) {
        for (ProblemKind kind : values()) {
            if (kind.status == status) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}

package io.clientbase.platform.problem;

import java.util.List;
import java.util.Map;

/** A failure the API reports to its caller as a problem of a given kind. */
public class ApiException extends RuntimeException {

    private final ProblemKind kind;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    public ApiException(ProblemKind kind, String detail, List<Problem.FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ProblemKind kind() {
        return kind;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemKind.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemKind.CONFLICT, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemKind.FORBIDDEN, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(ProblemKind.UNAUTHORIZED, detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(ProblemKind.PRECONDITION_FAILED, detail);
    }

    /** A request parameter outside what the contract allows (400), naming it. */
    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(ProblemKind.BAD_REQUEST, parameter + ": " + message,
                List.of(new Problem.FieldError(parameter, message)), Map.of());
    }

    /** A well-formed value that breaks a rule (422), naming the offending member. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(ProblemKind.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ApiException(ProblemKind.VALIDATION, detail, errors, Map.of());
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(ProblemKind.TOO_MANY_REQUESTS, detail, List.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}

package io.clientbase.platform.problem;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds problem responses, carrying the request's correlation id. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(ApiException e, RoutingContext rc) {
        Response.ResponseBuilder builder = build(e.kind(), e.getMessage(), e.errors(), rc);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    public static Response of(ProblemKind kind, String detail, RoutingContext rc) {
        return build(kind, detail, List.of(), rc).build();
    }

    public static Response of(ProblemKind kind, String detail, List<Problem.FieldError> errors, RoutingContext rc) {
        return build(kind, detail, errors, rc).build();
    }

    public static Problem problem(ProblemKind kind, String detail, List<Problem.FieldError> errors, RoutingContext rc) {
        String path = rc == null ? null : rc.request().path();
        Problem english = new Problem(kind.type(), kind.title(), kind.status(), detail, path, errors, CorrelationId.of(rc));
        return Translations.translate(english, kind, language(rc));
    }

    /** The language problems are answered in for this request (Content-Language). */
    public static String language(RoutingContext rc) {
        return Translations.language(rc == null ? null : rc.request().getHeader("Accept-Language"));
    }

    /** SCIM clients read SCIM's error format (RFC 7644 §3.12) under /scim, whatever refused the request. */
    public static boolean scim(RoutingContext rc) {
        return rc != null && rc.request().path() != null && rc.request().path().startsWith("/scim/");
    }

    public static final String SCIM_MEDIA_TYPE = "application/scim+json";

    /** A problem in SCIM's error format: its status as a string, the detail with the members it names. */
    public static java.util.Map<String, Object> scimError(Problem problem) {
        java.util.Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        error.put("status", Integer.toString(problem.status()));
        StringBuilder detail = new StringBuilder(problem.detail() == null ? problem.title() : problem.detail());
        if (problem.errors() != null) {
            problem.errors().forEach(e -> detail.append("; ").append(e.field()).append(": ").append(e.message()));
        }
        error.put("detail", detail.toString());
        return error;
    }

    private static Response.ResponseBuilder build(ProblemKind kind, String detail, List<Problem.FieldError> errors,
                                                  RoutingContext rc) {
        Problem problem = problem(kind, detail, errors, rc);
        Response.ResponseBuilder builder = Response.status(kind.status())
                .type(scim(rc) ? SCIM_MEDIA_TYPE : Problem.MEDIA_TYPE)
                .entity(scim(rc) ? scimError(problem) : problem)
                .header("Content-Language", language(rc))
                .header("Vary", "Accept-Language");
        if (kind == ProblemKind.UNAUTHORIZED) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder;
    }

    public static Map<String, String> headersFor(ProblemKind kind) {
        return kind == ProblemKind.UNAUTHORIZED ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
    }
}

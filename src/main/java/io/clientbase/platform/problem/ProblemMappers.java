package io.clientbase.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become RFC 9457 problem responses. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    CurrentVertxRequest request;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ProblemResponses.of(e, request.getCurrent());
    }

    @ServerExceptionMapper
    public Response unknownMember(UnrecognizedPropertyException e) {
        String member = jsonPath(e);
        return ProblemResponses.of(ProblemKind.UNKNOWN_MEMBER, "Unknown member '" + member + "'",
                List.of(new Problem.FieldError(member, "is not a known member")), request.getCurrent());
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String member = jsonPath(e);
        if (member.isEmpty()) {
            return ProblemResponses.of(ProblemKind.WRONG_TYPE,
                    "The request body has the wrong JSON type (expected an object)", request.getCurrent());
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return ProblemResponses.of(ProblemKind.WRONG_TYPE, member + ": expected " + expected,
                List.of(new Problem.FieldError(member, "expected " + expected)), request.getCurrent());
    }

    @ServerExceptionMapper
    public Response malformed(StreamReadException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return ProblemResponses.of(ProblemKind.MALFORMED_JSON, "The request body is not valid JSON" + where,
                request.getCurrent());
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        String member = e instanceof JsonMappingException m ? jsonPath(m) : "";
        return ProblemResponses.of(ProblemKind.BAD_REQUEST,
                member.isEmpty() ? "The request body cannot be read" : member + ": cannot be read",
                request.getCurrent());
    }

    @ServerExceptionMapper
    public Response jsonRead(io.clientbase.platform.JsonPatchReader.JsonReadFailure e) {
        if (e.getCause() instanceof UnrecognizedPropertyException u) {
            return unknownMember(u);
        }
        return e.getCause() instanceof MismatchedInputException m ? wrongType(m)
                : otherJson((JsonProcessingException) e.getCause());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(memberName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return ProblemResponses.of(ApiException.invalid(errors), request.getCurrent());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return ProblemResponses.of(ProblemKind.UNAUTHORIZED, "A valid Bearer token is required", request.getCurrent());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return ProblemResponses.of(ProblemKind.UNAUTHORIZED, "A valid Bearer token is required", request.getCurrent());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemResponses.of(ProblemKind.FORBIDDEN, "You may not do this", request.getCurrent());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof StreamReadException cause) {
            return malformed(cause);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException cause) {
            return unknownMember(cause);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return wrongType(cause);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return otherJson(cause);
        }
        int status = e.getResponse().getStatus();
        ProblemKind kind = ProblemKind.forStatus(status);
        String detail = switch (kind) {
            case NOT_FOUND -> "No resource at " + request.getCurrent().request().path();
            case METHOD_NOT_ALLOWED -> "Method " + request.getCurrent().request().method() + " is not allowed here";
            case NOT_ACCEPTABLE -> "This resource answers in application/json only";
            case UNSUPPORTED_MEDIA_TYPE -> "Content type " + request.getCurrent().request().getHeader("Content-Type")
                    + " is not supported here";
            case INTERNAL -> "Internal error";
            default -> e.getMessage();
        };
        if (kind == ProblemKind.INTERNAL) {
            return unexpected(e);
        }
        Response.ResponseBuilder builder = Response.fromResponse(
                ProblemResponses.of(kind, detail, request.getCurrent()));
        Object allow = e.getResponse().getHeaders().getFirst("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String id = CorrelationId.of(request.getCurrent());
        if (DatabaseFailures.noConnectionFreeInTime(e)) {
            LOG.warnf("No database connection free in time [correlationId=%s]", id);
            return retrySoon("The server is busy or its database is not reachable; retry in a moment");
        }
        if (DatabaseFailures.conflictsWithAnotherRequest(e)) {
            LOG.warnf("A transaction gave way to another one (deadlock or lock wait) [correlationId=%s]", id);
            return retrySoon("Another request was changing the same records; retry in a moment");
        }
        if (DatabaseFailures.triggersFailedToLoad(e)) {
            LOG.warnf("The database failed to load a table's triggers: %s [correlationId=%s]", DatabaseFailures.databaseMessage(e), id);
            return retrySoon("The database could not run this change at the moment; retry in a moment");
        }
        if (isClosedByTheCaller(e)) {
            // the caller went away while its body was read (wrk's end of run, a closed tab): nobody
            // reads this answer, and it is no failure of the server's
            LOG.debugf("The caller closed the connection before its request body arrived [correlationId=%s]", id);
            return ProblemResponses.of(ProblemKind.BAD_REQUEST, "The connection was closed before the request body arrived",
                    request.getCurrent());
        }
        if (isMalformedMultipart(e)) {
            return ProblemResponses.of(ProblemKind.BAD_REQUEST, multipartDetail(e), request.getCurrent());
        }
        if (DatabaseFailures.databaseUnavailable(e)) {
            LOG.warnf("The database cannot be reached: %s [correlationId=%s]", DatabaseFailures.databaseMessage(e), id);
            return retrySoon("The database is not reachable at the moment; retry in a moment");
        }
        LOG.errorf(e, "Unexpected failure [correlationId=%s]", id);
        return ProblemResponses.of(ProblemKind.INTERNAL,
                "An unexpected error occurred; quote correlation id " + id + " when reporting it",
                request.getCurrent());
    }

    /** 503 with Retry-After: a passing condition, not a bug; the same request may be sent again. */
    private Response retrySoon(String detail) {
        return Response.fromResponse(ProblemResponses.of(ProblemKind.UNAVAILABLE, detail, request.getCurrent()))
                .header("Retry-After", "1").build();
    }

    private static boolean isClosedByTheCaller(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static String multipartDetail(Throwable e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher tooMany = java.util.regex.Pattern.compile("Param limit of (\\d+) was exceeded").matcher(message);
        if (tooMany.find()) {
            return "The multipart body has more than " + tooMany.group(1) + " parts; an upload sends file, clientId and ownerId";
        }
        return "The multipart body cannot be read: " + message + "; send multipart/form-data with the boundary named in Content-Type";
    }

    /** The multipart parser gave up on the body (truncated, no boundary, not multipart): the caller's fault, a 400. */
    private static boolean isMalformedMultipart(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0 && frames[0].getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.")) {
                return true;
            }
        }
        return false;
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** "login.request.password" from Hibernate Validator becomes "password". */
    private static String memberName(ConstraintViolation<?> v) {
        List<Path.Node> nodes = StreamSupport.stream(v.getPropertyPath().spliterator(), false).toList();
        List<String> names = nodes.stream()
                .filter(n -> n.getKind() == jakarta.validation.ElementKind.PROPERTY
                        || n.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT)
                .map(Path.Node::getName)
                .filter(n -> n != null && !n.startsWith("<"))
                .toList();
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        Path.Node last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        return last == null ? "body" : last.getName();
    }
}

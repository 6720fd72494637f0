package io.clientbase.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.platform.problem.CorrelationId;
import io.clientbase.platform.problem.Problem;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.platform.problem.ProblemResponses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What happens to a request before it reaches a resource, in this order, each refusal a problem:
 * a correlation id and the security headers every answer carries; CORS (403 for an unlisted
 * origin); the caller's rate limit (429); the instance's requests at once (503); the request
 * line and headers (414, 400, 431); the body's size (413). None of it touches the database.
 */
@ApplicationScoped
public class HttpEdge {

    /** A cursor (16384) and the rest of a list's query. */
    static final int MAX_URI = 20_000;
    static final int MAX_PARAMETERS = 64;
    static final int MAX_HEADERS = 64;
    static final int MAX_HEADER_BYTES = 16_384;

    @Inject
    ObjectMapper mapper;

    @Inject
    ClientbaseConfig config;

    @Inject
    RateLimiter rateLimiter;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::correlate);
        router.route().order(-960).handler(this::crossOrigin);
        router.route().order(-950).handler(this::limitRate);
        router.route().order(-945).handler(this::limitConcurrency);
        router.route().order(-940).handler(this::limitRequest);
        router.route().order(-900).handler(this::limitBody);
    }

    private void correlate(RoutingContext rc) {
        CorrelationId.assign(rc);
        rc.addHeadersEndHandler(v -> secure(rc));
        rc.next();
    }

    /**
     * On every answer, errors included: no sniffing of a JSON body into HTML, no framing, no
     * referrer, and answers that carry a company's data stay private to the caller's own agent,
     * which revalidates them (ETag, 304) before use; tokens are never stored.
     */
    private static void secure(RoutingContext rc) {
        var headers = rc.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.remove("Server");
        String path = rc.request().path();
        if (path.startsWith("/api/") || path.startsWith("/scim/")) {
            headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            if (!headers.contains("Cache-Control")) {
                headers.set("Cache-Control", path.startsWith("/api/v1/auth/") || rc.request().method().name().equals("POST")
                        ? "no-store" : "private, no-cache");
            }
        }
    }

    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, If-Match, "
            + "If-None-Match, Idempotency-Key, X-Request-Id";
    private static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
            + "RateLimit-Reset, X-Request-Id, Link, Content-Disposition, Clientbase-Warning";

    /**
     * CORS: a page of a listed origin (CLIENTBASE_CORS_ORIGINS) may call the API and read the
     * headers a screen needs; a page of any other origin is refused with a 403 problem, its
     * preflight included. Requests without an Origin (scripts, servers, apps) and same-origin
     * ones pass untouched.
     */
    private void crossOrigin(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin == null || !rc.request().path().startsWith("/api/") || sameOrigin(rc, origin)) {
            rc.next();
            return;
        }
        var headers = rc.response().headers();
        headers.add("Vary", "Origin");
        if (!config.cors().origins().orElse(List.of()).contains(origin)) {
            send(rc, ProblemKind.FORBIDDEN, "Pages of " + origin + " may not call this API (CLIENTBASE_CORS_ORIGINS)");
            return;
        }
        headers.set("Access-Control-Allow-Origin", origin);
        boolean preflight = rc.request().method().name().equals("OPTIONS")
                && rc.request().getHeader("Access-Control-Request-Method") != null;
        if (preflight) {
            headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            headers.set("Access-Control-Max-Age", "3600");
            rc.response().setStatusCode(204).end();
            return;
        }
        headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        rc.next();
    }

    private static boolean sameOrigin(RoutingContext rc, String origin) {
        String host = rc.request().getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** Every API call counts against its caller's bucket; 429 before any other work. */
    private void limitRate(RoutingContext rc) {
        String path = rc.request().path();
        if (!rateLimiter.enabled() || !(path.startsWith("/api/") || path.startsWith("/scim/"))) {
            rc.next();
            return;
        }
        RateLimiter.Decision decision = rateLimiter.take(rc.request().getHeader("Authorization"),
                rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress());
        var headers = rc.response().headers();
        headers.set("RateLimit-Limit", Integer.toString(decision.limit()));
        headers.set("RateLimit-Remaining", Integer.toString(decision.remaining()));
        headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            rc.next();
            return;
        }
        headers.set("Retry-After", Long.toString(decision.retryAfterSeconds()));
        send(rc, ProblemKind.TOO_MANY_REQUESTS, "More than " + decision.limit()
                + " requests at once from this caller; retry after " + decision.retryAfterSeconds() + " s");
    }

    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Overload is answered, not queued: beyond clientbase.max-in-flight requests at once (the
     * worker threads and the database pool serve far fewer), a request gets 503 with Retry-After
     * at once. Health checks are never refused.
     */
    private void limitConcurrency(RoutingContext rc) {
        if (rc.request().path().startsWith("/q/")) {
            rc.next();
            return;
        }
        int max = config.maxInFlight();
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            rc.response().headers().set("Retry-After", "1");
            send(rc, ProblemKind.UNAVAILABLE, "More than " + max + " requests at once on this instance; retry in a moment");
            return;
        }
        rc.addEndHandler(done -> inFlight.decrementAndGet());
        rc.next();
    }

    /**
     * The request line and headers a caller may send: well below the HTTP server's own limits
     * (quarkus.http.limits), whose refusals have no body, so that what a caller can send wrongly is
     * answered with a problem naming the limit. A list's query never needs more than a long
     * cursor and a few dozen filters.
     */
    private void limitRequest(RoutingContext rc) {
        var request = rc.request();
        if (request.uri().length() > MAX_URI) {
            send(rc, ProblemKind.URI_TOO_LONG, "The request line's URI exceeds " + MAX_URI + " characters");
            return;
        }
        if (request.params().size() > MAX_PARAMETERS) {
            send(rc, ProblemKind.BAD_REQUEST, "More than " + MAX_PARAMETERS + " query parameters");
            return;
        }
        int headerBytes = 0;
        for (var header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADER_BYTES || request.headers().size() > MAX_HEADERS) {
            send(rc, ProblemKind.HEADERS_TOO_LARGE, "The request headers exceed " + MAX_HEADERS + " headers or "
                    + MAX_HEADER_BYTES + " bytes");
            return;
        }
        rc.next();
    }

    private void limitBody(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        long limit = rc.request().path().equals("/api/v1/clients/import") ? config.importLimits().maxSize().asLongValue() : config.maxBodySize().asLongValue();
        if (length != null && tooLarge(length, limit)) {
            rc.request().pause();
            send(rc, ProblemKind.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + limit + " bytes");
            rc.response().closed();
            return;
        }
        rc.next();
    }

    private static boolean tooLarge(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public void send(RoutingContext rc, ProblemKind kind, String detail) {
        Problem problem = ProblemResponses.problem(kind, detail, List.of(), rc);
        try {
            var response = rc.response().setStatusCode(kind.status())
                    .putHeader("Content-Type", ProblemResponses.scim(rc) ? ProblemResponses.SCIM_MEDIA_TYPE : Problem.MEDIA_TYPE)
                    .putHeader("Content-Language", ProblemResponses.language(rc));
            ProblemResponses.headersFor(kind).forEach(response::putHeader);
            if (kind == ProblemKind.PAYLOAD_TOO_LARGE) {
                response.putHeader("Connection", "close");
            }
            response.end(mapper.writeValueAsString(ProblemResponses.scim(rc) ? ProblemResponses.scimError(problem) : problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}

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
 * What happens to a request before it reaches a resource: it gets a correlation id, an
 * oversized body is refused with 413, and a path nobody serves answers a 404 problem.
 */
@ApplicationScoped
public class HttpEdge {

    @Inject
    ObjectMapper mapper;

    @Inject
    ClientbaseConfig config;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::correlate);
        router.route().order(-900).handler(this::limitBody);
    }

    private void correlate(RoutingContext rc) {
        CorrelationId.assign(rc);
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
                    .putHeader("Content-Type", Problem.MEDIA_TYPE);
            ProblemResponses.headersFor(kind).forEach(response::putHeader);
            if (kind == ProblemKind.PAYLOAD_TOO_LARGE) {
                response.putHeader("Connection", "close");
            }
            response.end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}

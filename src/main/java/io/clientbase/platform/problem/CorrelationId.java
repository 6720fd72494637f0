package io.clientbase.platform.problem;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** Every request has a correlation id: the caller's X-Request-Id when it is sane, else a new one. */
public final class CorrelationId {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "clientbase.correlationId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {
    }

    public static String assign(RoutingContext rc) {
        String given = rc.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        rc.put(KEY, id);
        rc.response().putHeader(HEADER, id);
        return id;
    }

    public static String of(RoutingContext rc) {
        if (rc == null) {
            return null;
        }
        String id = rc.get(KEY);
        return id != null ? id : assign(rc);
    }
}

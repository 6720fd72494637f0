package io.clientbase.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A read whose {@code If-None-Match} names the answer's current ETag gets 304 without a body
 * (RFC 9110 §13.1.2, weak comparison), so a screen or a phone that holds the record spends no
 * bytes on it. One rule for every resource that tags its answers.
 */
public class ConditionalReads {

    @ServerResponseFilter
    public void notModified(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() != 200 || !("GET".equals(method) || "HEAD".equals(method))) {
            return;
        }
        Object tag = response.getHeaders().getFirst("ETag");
        String ifNoneMatch = request.getHeaderString("If-None-Match");
        if (tag != null && ifNoneMatch != null && matches(ifNoneMatch, opaque(tag))) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove("Content-Type");
        }
    }

    static boolean matches(String ifNoneMatch, String current) {
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || opaque(value).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(Object tag) {
        String value = tag instanceof EntityTag entityTag ? entityTag.getValue() : tag.toString().trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}

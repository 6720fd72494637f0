package io.clientbase.access;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client's address: the TCP peer's. Quarkus replaces it with the forwarded one only when the
 * peer is listed in quarkus.http.proxy.trusted-proxies; application code never reads
 * Forwarded / X-Forwarded-For itself.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}

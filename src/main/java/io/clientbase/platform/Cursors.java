package io.clientbase.platform;

import io.clientbase.platform.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: the client passes back what it was given, and never builds one. */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Cursors() {
    }

    public static String encode(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
    }

    public static long decodeId(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}

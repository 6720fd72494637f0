package io.clientbase.platform;

import io.clientbase.platform.problem.ApiException;

/** ETag / If-Match for records that carry a version. */
public final class Versions {

    private Versions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** A write with a stale If-Match answers 412; no If-Match means "whatever is there". */
    public static void checkIfMatch(String ifMatch, int current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag(current))) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The record has changed: it is now at version " + current
                + " (ETag " + etag(current) + ")");
    }
}

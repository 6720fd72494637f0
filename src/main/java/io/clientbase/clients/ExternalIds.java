package io.clientbase.clients;

import io.clientbase.platform.problem.ApiException;

/**
 * The rule for a client's external id, stated once for the create, the patch, the upsert's path
 * and the import: 1 to {@value #MAX_LENGTH} characters, no control character, no space at either
 * end. The column compares bytes (V15), but MariaDB's binary collation still pads with spaces, so
 * "A-17" and "A-17 " would be one key; refusing the surrounding spaces keeps one string one key.
 */
final class ExternalIds {

    static final int MAX_LENGTH = 255;

    private ExternalIds() {
    }

    /** The external id when it follows the rule; a 422 naming {@code member} otherwise. */
    static String check(String member, String externalId) {
        String problem = problem(externalId);
        if (problem != null) {
            throw ApiException.invalid(member, problem);
        }
        return externalId;
    }

    /** What is wrong with an external id, or null when it follows the rule. */
    static String problem(String externalId) {
        if (externalId == null || externalId.isEmpty()) {
            return "must not be empty";
        }
        if (externalId.codePointCount(0, externalId.length()) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (Character.isWhitespace(externalId.codePointAt(0)) || Character.isWhitespace(externalId.codePointBefore(externalId.length()))) {
            return "must not begin or end with a space";
        }
        if (externalId.codePoints().anyMatch(Character::isISOControl)) {
            return "must not hold control characters";
        }
        return null;
    }
}

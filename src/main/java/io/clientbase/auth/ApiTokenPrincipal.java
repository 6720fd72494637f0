package io.clientbase.auth;

import java.security.Principal;

/** Who an API token authenticates: the user, and the user's token version when it was issued. */
public record ApiTokenPrincipal(long userId, long tokenId, int tokenVersion, java.util.Set<String> scopes) implements Principal {

    @Override
    public String getName() {
        return Long.toString(userId);
    }
}

package io.clientbase.access;

import java.security.Principal;
import java.util.Optional;

/**
 * Reads, from an authenticated principal, the user it stands for and the token version it was
 * issued at; answered by {@code auth}, which knows its token formats.
 */
public interface TokenSubjects {

    Optional<Subject> of(Principal principal);

    /** Whose token it is, at which of his token versions, and the scopes it is limited to (null: none). */
    record Subject(long userId, int tokenVersion, java.util.Set<String> scopes) {
        public Subject(long userId, int tokenVersion) {
            this(userId, tokenVersion, null);
        }
    }
}

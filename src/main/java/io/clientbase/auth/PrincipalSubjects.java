package io.clientbase.auth;

import io.clientbase.access.TokenSubjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The user and token version behind a verified JWT or an API token. */
@ApplicationScoped
public class PrincipalSubjects implements TokenSubjects {

    @Override
    public Optional<Subject> of(Principal principal) {
        if (principal instanceof JsonWebToken jwt) {
            Long id = parseId(jwt.getSubject());
            Integer version = VerifiedToken.versionOf(jwt);
            return id == null || version == null ? Optional.empty() : Optional.of(new Subject(id, version));
        }
        if (principal instanceof ApiTokenPrincipal api) {
            return Optional.of(new Subject(api.userId(), api.tokenVersion(), api.scopes()));
        }
        return Optional.empty();
    }

    private static Long parseId(String subject) {
        try {
            return subject == null ? null : Long.valueOf(subject);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package io.clientbase.auth;

import io.clientbase.platform.Limits;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.access.UserDirectory;
import io.clientbase.access.UserDirectory.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Issues, lists and revokes API tokens (ADMIN only). The secret is shown once, in the create answer. */
@ApplicationScoped
public class ApiTokens {

    public static final String PREFIX = "cbt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CurrentCaller caller;

    @Inject
    RightsEvaluator rights;

    @Inject
    UserDirectory users;

    @Schema(name = "NewApiToken")
    public record NewToken(
            @NotBlank @Size(max = 200) @Schema(example = "provisioning script", required = true) String name,
            @Future @Schema(description = "Optional end of validity") Instant expiresAt,
            @Size(max = 40) @Schema(description = "What the token is limited to: clients:view|create|edit|delete, the same for "
                    + "activities, deals and documents, settings, users (the ADMIN-only operations), scim (/scim/v2) and webhooks. "
                    + "Left out: everything its user may do. A token never exceeds its user's rights, scope or IP rule; a call "
                    + "beyond its scopes answers 403.", example = "[\"clients:view\", \"clients:create\"]")
            List<@NotBlank @Size(max = 40) String> scopes) {
    }

    @Schema(name = "ApiToken")
    public record TokenView(
            @Schema(example = "5") Long id,
            @Schema(example = "provisioning script", maxLength = 200) String name,
            @Schema(example = "cbt_Xy12", description = "The first characters of the secret", maxLength = 16) String prefix,
            Instant createdAt, Instant lastUsedAt, Instant expiresAt,
            @Schema(description = "Only in the answer to the create: use as 'Authorization: Bearer <token>'. Never shown again.",
                    example = "cbt_Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56Op78Qr90St", maxLength = 64) String token,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @Schema(description = "Its scopes; absent: everything its user may do", maxItems = 40,
                    example = "[\"clients:view\"]") List<@Size(max = 40) String> scopes) {
    }

    @Transactional
    public TokenView issue(long userId, NewToken request) {
        Account user = requireUser(userId);
        Limits.requireRoom(ApiToken.count("userId", userId), Limits.API_TOKENS_PER_USER,
                "apiTokens");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = new ApiToken();
        token.userId = user.id();
        token.name = request.name().strip();
        token.tokenHash = hash(secret);
        token.prefix = secret.substring(0, PREFIX.length() + 4);
        token.createdAt = Instant.now();
        token.expiresAt = request.expiresAt();
        token.tokenVersion = user.tokenVersion();
        token.scopes = scopes(request.scopes());
        token.persist();
        return view(token, secret);
    }

    public List<TokenView> list(long userId) {
        requireUser(userId);
        return ApiToken.<ApiToken>list("userId = ?1 order by id", userId).stream().map(t -> view(t, null)).toList();
    }

    @Transactional
    public void revoke(long userId, long tokenId) {
        requireUser(userId);
        long deleted = ApiToken.delete("id = ?1 and userId = ?2", tokenId, userId);
        if (deleted == 0) {
            throw ApiException.notFound("API token");
        }
    }

    /**
     * The scopes as stored: each one known, none twice; and a token limited by scopes issues none
     * beyond its own (else a narrow token would mint a wide one).
     */
    private String scopes(List<String> requested) {
        var issuer = caller.get();
        if (requested == null) {
            if (issuer.scopes() != null) {
                throw ApiException.invalid("scopes", "a token limited to scopes issues only tokens within them: name them");
            }
            return null;
        }
        java.util.Set<String> unique = new java.util.TreeSet<>();
        for (String scope : requested) {
            if (!io.clientbase.access.Scopes.ALL.contains(scope)) {
                throw ApiException.invalid("scopes", "'" + scope + "' is not a scope: " + String.join(", ", io.clientbase.access.Scopes.ALL));
            }
            if (!issuer.hasScope(scope)) {
                throw ApiException.invalid("scopes", "'" + scope + "' is beyond the scopes of the token that issues it");
            }
            unique.add(scope);
        }
        if (unique.isEmpty()) {
            throw ApiException.invalid("scopes", "must name at least one scope, or be left out");
        }
        return String.join(" ", unique);
    }

    private Account requireUser(long userId) {
        rights.requireAdmin(caller.get());
        return users.byId(userId).orElseThrow(() -> ApiException.notFound("User"));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenView view(ApiToken token, String secret) {
        return new TokenView(token.id, token.name, token.prefix, token.createdAt, token.lastUsedAt, token.expiresAt, secret,
                token.scopes == null ? null : List.of(token.scopes.split(" ")));
    }
}

package io.clientbase.users;

import jakarta.validation.constraints.Size;
import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import io.clientbase.access.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as the API shows it; never the password hash. */
@Schema(name = "User")
public record UserView(
        @Schema(example = "7", required = true) Long id,
        @Schema(example = "petrova", required = true, maxLength = 100) String login,
        @Schema(example = "Анна Петрова", required = true, maxLength = 200) String name,
        @Schema(example = "a@example.com", maxLength = 254) String email,
        @Schema(required = true) UserType type,
        @Schema(required = true) UserStatus status,
        @Schema(example = "3", description = "Only for EMPLOYEEs: the ADMINISTRATION user he answers to") Long managerId,
        @Schema(example = "[2]", maxItems = 1000) List<Long> groupIds,
        Rights rights,
        @Schema(maxItems = 2000) List<FieldAccessRule> fieldAccess,
        Instant createdAt,
        Instant updatedAt,
        @Schema(example = "3") int version,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(example = "00u1a2b3c4", maxLength = 255, description = "His id in the identity provider that provisions him (SCIM)")
        String externalId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "Only in answers to a change, when it has a consequence to know about",
                example = "[\"1 IP_RESTRICTED user(s) now have no allowed range and cannot log in\"]", maxItems = 10) List<@Size(max = 500) String> warnings) {

    public static UserView of(User user, List<Long> groupIds) {
        return new UserView(user.id, user.login, user.name, user.email, user.type, user.status, user.managerId,
                groupIds, user.rights, user.fieldAccess, user.createdAt, user.updatedAt, user.version, user.externalId, null);
    }

    /** The caller as {@code GET /me} shows him: as stored now. */
    public static UserView of(Caller caller) {
        return new UserView(caller.id(), caller.login(), caller.name(), caller.email(), caller.type(), caller.status(),
                caller.managerId(), caller.groupIds(), caller.rights(), caller.fieldAccess(), caller.createdAt(),
                caller.updatedAt(), caller.version(), null, null);
    }

    public UserView withWarnings(List<String> messages) {
        return new UserView(id, login, name, email, type, status, managerId, groupIds, rights, fieldAccess,
                createdAt, updatedAt, version, externalId, messages);
    }
}

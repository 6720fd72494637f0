package io.clientbase.users;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as the API shows it; never the password hash. */
@Schema(name = "User")
public record UserView(
        @Schema(example = "7", required = true) Long id,
        @Schema(example = "petrova", required = true) String login,
        @Schema(example = "Анна Петрова", required = true) String name,
        @Schema(example = "a@example.com") String email,
        @Schema(required = true) UserType type,
        @Schema(required = true) UserStatus status,
        @Schema(example = "3", description = "Only for EMPLOYEEs: the ADMINISTRATION user he answers to") Long managerId,
        @Schema(example = "[2]") List<Long> groupIds,
        Rights rights,
        List<FieldAccessRule> fieldAccess,
        Instant createdAt,
        Instant updatedAt,
        @Schema(example = "3") int version) {

    public static UserView of(User user, List<Long> groupIds) {
        return new UserView(user.id, user.login, user.name, user.email, user.type, user.status, user.managerId,
                groupIds, user.rights, user.fieldAccess, user.createdAt, user.updatedAt, user.version);
    }
}

package io.clientbase.users;

import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PATCH body: only the members it names change; "managerId": null unassigns. */
@Schema(name = "UserPatch", description = "Only the members present change. `type` cannot change. "
        + "`rights` may be partial: omitted members keep their value.")
public record UserPatch(
        @Size(min = 1, max = 100) @Pattern(regexp = UserRules.LOGIN_PATTERN, message = UserRules.LOGIN_MESSAGE)
        @Schema(pattern = UserRules.LOGIN_PATTERN_PORTABLE) String login,
        @Size(min = 8, max = 200) @Schema(format = "password") String password,
        @Size(min = 1, max = 200) String name,
        @Email @Size(max = 254) String email,
        UserType type,
        UserStatus status,
        Long managerId,
        @Size(max = 1000) List<@NotNull Long> groupIds,
        Rights rights,
        @Size(max = 2000) List<@Valid @NotNull FieldAccessRule> fieldAccess,
        @Size(min = 1, max = 255) String externalId) {
}

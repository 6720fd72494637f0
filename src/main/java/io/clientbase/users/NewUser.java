package io.clientbase.users;

import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewUser", description = "Omitted rights = all true, settings true only for ADMINISTRATION")
public record NewUser(
        @NotBlank @Size(max = 100) @Pattern(regexp = UserRules.LOGIN_PATTERN, message = UserRules.LOGIN_MESSAGE)
        @Schema(example = "petrova", required = true, pattern = UserRules.LOGIN_PATTERN_PORTABLE) String login,
        @NotBlank @Size(min = 8, max = 200) @Schema(example = "Passw0rd-Anna", required = true, format = "password") String password,
        @NotBlank @Size(max = 200) @Schema(example = "Анна Петрова", required = true) String name,
        @Email @Size(max = 254) @Schema(example = "a@example.com") String email,
        @NotNull @Schema(required = true) UserType type,
        @Schema(defaultValue = "ACTIVE") UserStatus status,
        @Schema(example = "3") Long managerId,
        @Size(max = 1000) @Schema(example = "[2]") List<@NotNull Long> groupIds,
        Rights rights,
        @Size(max = 2000) List<@Valid @NotNull FieldAccessRule> fieldAccess,
        @Size(min = 1, max = 255) @Schema(example = "00u1a2b3c4", description = "His id in the identity provider that provisions him (SCIM)")
        String externalId) {
}

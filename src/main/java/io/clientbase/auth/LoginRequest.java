package io.clientbase.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LoginRequest")
public record LoginRequest(
        @NotBlank @Size(max = 100) @Schema(example = "admin", required = true) String login,
        @NotBlank @Size(max = 200) @Schema(example = "s3cret-Passw0rd", required = true, format = "password") String password) {
}

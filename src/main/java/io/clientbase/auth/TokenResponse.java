package io.clientbase.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(description = "RS256 JWT for the Authorization: Bearer header", required = true,
                example = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", maxLength = 4096) String accessToken,
        @Schema(example = "Bearer", required = true, enumeration = "Bearer") String tokenType,
        @Schema(description = "Seconds until the token expires", example = "900", required = true) long expiresIn) {
}

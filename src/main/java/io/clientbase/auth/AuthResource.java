package io.clientbase.auth;

import io.clientbase.access.ClientAddress;
import io.clientbase.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Tag(name = "auth", description = "Log in and get a Bearer token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AuthService auth;

    @POST
    @Path("/login")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(operationId = "login", summary = "Exchange a login and password for a 15-minute access token")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", description = "Wrong login or password (one answer for both)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public TokenResponse login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        return auth.login(request, ClientAddress.of(http));
    }
}

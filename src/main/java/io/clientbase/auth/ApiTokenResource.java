package io.clientbase.auth;

import io.clientbase.platform.Limits;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/api-tokens")
@Tag(name = "api-tokens", description = "Long-lived, revocable Bearer tokens for scripts (ADMIN only)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

    @Inject
    ApiTokens tokens;

    @POST
    @Operation(operationId = "createApiToken", summary = "Issue an API token for a user; the secret is in this answer only")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokens.TokenView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@PathParam("userId") long userId, @Valid @NotNull ApiTokens.NewToken request) {
        ApiTokens.TokenView token = tokens.issue(userId, request);
        return Response.created(URI.create("/api/v1/users/" + userId + "/api-tokens/" + token.id())).entity(token).build();
    }

    @GET
    @Operation(operationId = "listApiTokens", summary = "A user's API tokens, without their secrets")
    @APIResponse(responseCode = "200", description = "The tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokens.TokenView.class, type = SchemaType.ARRAY, maxItems = Limits.API_TOKENS_PER_USER)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<ApiTokens.TokenView> list(@PathParam("userId") long userId) {
        return tokens.list(userId);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token; it answers 401 from the next request on")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void revoke(@PathParam("userId") long userId, @PathParam("id") long tokenId) {
        tokens.revoke(userId, tokenId);
    }
}

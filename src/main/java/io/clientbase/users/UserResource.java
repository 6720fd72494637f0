package io.clientbase.users;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.platform.Page;
import io.clientbase.platform.Versions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Tag(name = "users", description = "Users, the hierarchy and their rights")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    UserService users;

    @GET
    @Operation(operationId = "listUsers", summary = "Users the caller may see: ADMIN all, ADMINISTRATION himself and his employees, EMPLOYEE himself")
    @APIResponse(responseCode = "200", description = "A page of users",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<UserView> list(
            @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return users.list(limit, cursor);
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getUserHistory", summary = "Who changed the user and when, newest first (ADMIN only)",
            description = "Type, status, rights, field access, manager and groups with their values before and after; "
                    + "a new password is named, never shown.")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.clientbase.history.HistoryPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<io.clientbase.history.HistoryView> history(@PathParam("id") long id,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return users.history(id, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "One user (404 when outside the caller's scope)")
    @APIResponse(responseCode = "200", description = "The user; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") long id) {
        UserView user = users.get(id);
        return Response.ok(user).tag(unquoted(user.version())).build();
    }

    @POST
    @Operation(operationId = "createUser", summary = "Create a user (ADMIN only)",
            description = "Send an Idempotency-Key header to make a provisioning script safe to retry: the same key "
                    + "and body answer what the first request did (200, the user as created), another body with that key is refused "
                    + "(422 idempotency-key-reused).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewUser.class),
            examples = @ExampleObject(name = "employee", value = "{\"login\":\"petrova\",\"password\":\"Passw0rd-Anna\","
                    + "\"name\":\"Анна Петрова\",\"email\":\"a@example.com\",\"type\":\"EMPLOYEE\",\"managerId\":3,"
                    + "\"groupIds\":[2],\"rights\":{\"clients\":{\"delete\":false}}}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "200", description = "A retry with the same Idempotency-Key and body: the user created the first time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull NewUser request,
                           @Parameter(description = "Makes the create safe to retry") @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String passwordHash = users.passwordHashFor(request);
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/users", request, () -> {
            UserView user = users.create(request, passwordHash);
            return Response.created(URI.create("/api/v1/users/" + user.id())).entity(user).tag(unquoted(user.version())).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateUser", summary = "Change the members named (ADMIN only)",
            description = "A status change, a block or a new password ends the user's live tokens at once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserPatch.class),
            examples = @ExampleObject(name = "block", value = "{\"status\":\"BLOCKED\"}")))
    @APIResponse(responseCode = "200", description = "The updated user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id,
                          @Parameter(description = "The ETag of the version you change; 412 when stale") @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(content = @Content(schema = @Schema(implementation = UserPatch.class))) JsonNode body) {
        UserView user = users.patch(id, body, ifMatch);
        return Response.ok(user).tag(unquoted(user.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteUser", summary = "Delete a user (ADMIN only)",
            description = "A user who owns records is deleted only with reassignTo (everything he owns moves, in one "
                    + "transaction); otherwise 409. An ADMINISTRATION user's employees are left unassigned (they answer to ADMIN).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public void delete(@PathParam("id") long id,
                       @Parameter(description = "The user who receives everything the deleted one owns") @QueryParam("reassignTo") Long reassignTo,
                       @HeaderParam("If-Match") String ifMatch) {
        users.delete(id, reassignTo, ifMatch);
    }

    static jakarta.ws.rs.core.EntityTag unquoted(int version) {
        return new jakarta.ws.rs.core.EntityTag(Integer.toString(version));
    }

    @Schema(name = "UserPage")
    public record UserPage(@Schema(required = true) java.util.List<UserView> items,
                           @Schema(type = SchemaType.STRING, nullable = true) String nextCursor) {
    }
}

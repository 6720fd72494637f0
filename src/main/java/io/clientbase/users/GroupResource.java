package io.clientbase.users;

import io.clientbase.platform.Limits;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/groups")
@Tag(name = "groups", description = "Named sets of users, used by section visibility")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    GroupService groups;

    @GET
    @Operation(operationId = "listGroups", summary = "All groups")
    @APIResponse(responseCode = "200", description = "The groups",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, maxItems = Limits.GROUPS)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public List<GroupView> list() {
        return groups.list();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getGroup", summary = "One group")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public GroupView get(@PathParam("id") long id) {
        return groups.get(id);
    }

    @POST
    @Operation(operationId = "createGroup", summary = "Create a group (ADMIN only)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull GroupView request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/groups", request, () -> {
            GroupView group = groups.create(request);
            return Response.created(URI.create("/api/v1/groups/" + group.id())).entity(group).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "renameGroup", summary = "Rename a group (ADMIN only)")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public GroupView rename(@PathParam("id") long id, @Valid @NotNull GroupView request) {
        return groups.rename(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteGroup", summary = "Delete a group (ADMIN only); its members stay",
            description = "Refused with 409 while a section names the group in visibleToGroupIds: the section would open to everyone.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void delete(@PathParam("id") long id) {
        groups.delete(id);
    }
}

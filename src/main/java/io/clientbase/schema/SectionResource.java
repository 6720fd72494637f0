package io.clientbase.schema;

import io.clientbase.platform.Limits;
import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sections")
@Tag(name = "schema", description = "Sections and custom fields of the client card")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SectionResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    SectionService sections;

    @GET
    @Operation(operationId = "listSections", summary = "The sections the caller may see, in display order")
    @APIResponse(responseCode = "200", description = "The sections",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionView.class, type = SchemaType.ARRAY, maxItems = Limits.SECTIONS)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public List<SectionView> list() {
        return sections.list();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSection", summary = "One section")
    @APIResponse(responseCode = "200", description = "The section",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") long id) {
        SectionView section = sections.get(id);
        return Response.ok(section).tag(new EntityTag(Integer.toString(section.version()))).build();
    }

    @POST
    @Operation(operationId = "createSection", summary = "Create a section (ADMIN, or ADMINISTRATION with the settings right)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionRequest.class),
            examples = @ExampleObject(name = "contract", value = "{\"name\":\"Договор\",\"position\":3,\"visibleToGroupIds\":[2]}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull SectionRequest request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/sections", request, () -> {
            SectionView section = sections.create(request);
            return Response.created(URI.create("/api/v1/sections/" + section.id())).entity(section).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateSection", summary = "Rename, reorder or change who sees a section")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionRequest.class)))
    @APIResponse(responseCode = "200", description = "The section",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id, @Parameter(description = "ETag of the version you change") @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        SectionView section = sections.patch(id, body, ifMatch);
        return Response.ok(section).tag(new EntityTag(Integer.toString(section.version()))).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSection", summary = "Delete an empty section",
            description = "A built-in section is never deleted (409). A section that still holds fields, even in the field trash, is refused (409): move or purge them first.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void delete(@PathParam("id") long id) {
        sections.delete(id);
    }
}

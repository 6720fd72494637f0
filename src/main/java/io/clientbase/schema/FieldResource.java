package io.clientbase.schema;

import io.clientbase.platform.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

@Path("/api/v1/fields")
@Tag(name = "schema")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FieldResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    FieldService fields;

    @GET
    @Operation(operationId = "listFields", summary = "The fields the caller may see, or the field trash (?deleted=true, settings managers)")
    @APIResponse(responseCode = "200", description = "The fields",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldView.class, type = SchemaType.ARRAY, maxItems = Limits.FIELDS)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public List<FieldView> list(@Parameter(description = "Only this section's fields") @QueryParam("sectionId") Long sectionId,
                                @Parameter(description = "true: the field trash") @QueryParam("deleted") @DefaultValue("false") boolean deleted) {
        return fields.list(sectionId, deleted);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getField", summary = "One field")
    @APIResponse(responseCode = "200", description = "The field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") long id) {
        FieldView field = fields.get(id);
        return Response.ok(field).tag(new EntityTag(Integer.toString(field.version()))).build();
    }

    @POST
    @Operation(operationId = "createField", summary = "Create a custom field (settings managers)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldRequest.class),
            examples = {@ExampleObject(name = "text", value = "{\"sectionId\":4,\"key\":\"contract_no\",\"name\":\"Номер договора\",\"type\":\"TEXT\",\"required\":false}"),
                    @ExampleObject(name = "select", value = "{\"sectionId\":4,\"key\":\"stage\",\"name\":\"Stage\",\"type\":\"SELECT\",\"options\":[\"lead\",\"client\"]}")}))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull FieldRequest request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/fields", request, () -> {
            FieldView field = fields.create(request);
            return Response.created(URI.create("/api/v1/fields/" + field.id())).entity(field).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateField", summary = "Rename, move to another section, reorder; never change the type or key (422)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldRequest.class)))
    @APIResponse(responseCode = "200", description = "The field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id, @Parameter(description = "ETag of the version you change") @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        FieldView field = fields.patch(id, body, ifMatch);
        return Response.ok(field).tag(new EntityTag(Integer.toString(field.version()))).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteField", summary = "Move a field to the trash (its values are kept), or purge it from the trash with ?purge=true")
    @APIResponse(responseCode = "204", description = "In the trash, or purged")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void delete(@PathParam("id") long id,
                       @Parameter(description = "true: remove a field already in the trash, with all its values, for good")
                       @QueryParam("purge") @DefaultValue("false") boolean purge) {
        if (purge) {
            fields.purge(id);
        } else {
            fields.delete(id);
        }
    }

    @POST
    @Path("/{id}/restore")
    @Operation(operationId = "restoreField", summary = "Bring a field back from the trash, with its values")
    @APIResponse(responseCode = "200", description = "The field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public FieldView restore(@PathParam("id") long id) {
        return fields.restore(id);
    }
}

package io.clientbase.access;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/ip-ranges")
@Tag(name = "security", description = "Allowed IP ranges for IP_RESTRICTED users, and the record of refusals (ADMIN only)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IpRangeResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    public static final String WARNING_HEADER = "Clientbase-Warning";

    @Inject
    IpRangeService ranges;

    @GET
    @Operation(operationId = "listIpRanges", summary = "The allowed IP ranges")
    @APIResponse(responseCode = "200", description = "The ranges",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IpRangeService.View.class, type = SchemaType.ARRAY, maxItems = Limits.IP_RANGES)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public List<IpRangeService.View> list() {
        return ranges.list();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIpRange", summary = "One allowed IP range")
    @APIResponse(responseCode = "200", description = "The range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IpRangeService.View.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public IpRangeService.View get(@PathParam("id") long id) {
        return ranges.get(id);
    }

    @POST
    @Operation(operationId = "createIpRange", summary = "Allow a from–to range or a CIDR block (IPv4 or IPv6)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IpRangeService.Request.class),
            examples = {@ExampleObject(name = "pair", value = "{\"from\":\"42.140.10.143\",\"to\":\"42.140.10.144\",\"description\":\"office\"}"),
                    @ExampleObject(name = "cidr", value = "{\"cidr\":\"10.0.0.0/24\",\"description\":\"VPN\"}")}))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IpRangeService.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull IpRangeService.Request request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/ip-ranges", request, () -> {
            IpRangeService.View range = ranges.create(request);
            return Response.created(URI.create("/api/v1/ip-ranges/" + range.id())).entity(range).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateIpRange", summary = "Replace a range's bounds (from and to, or cidr) and description")
    @APIResponse(responseCode = "200", description = "The range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IpRangeService.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public IpRangeService.View update(@PathParam("id") long id, @Valid @NotNull IpRangeService.Request request) {
        return ranges.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteIpRange", summary = "Remove a range; it stops allowing from the next request")
    @APIResponse(responseCode = "204", description = "Deleted",
            headers = @Header(name = WARNING_HEADER, description = "Present when IP_RESTRICTED users are left with no allowed range",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 500)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") long id) {
        Response.ResponseBuilder response = Response.noContent();
        ranges.delete(id).forEach(w -> response.header(WARNING_HEADER, w));
        return response.build();
    }
}

package io.clientbase.access;

import io.clientbase.platform.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/security-events")
@Tag(name = "security")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityEventResource {

    @Inject
    SecurityEvents events;

    @GET
    @Operation(operationId = "listSecurityEvents", summary = "Refused logins and requests, newest first (ADMIN only)")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<SecurityEvents.Event> list(@Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
                                           @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return events.list(limit, cursor);
    }

    @Schema(name = "SecurityEventPage")
    public record EventPage(@Schema(required = true) java.util.List<SecurityEvents.Event> items,
                            @Schema(type = SchemaType.STRING, nullable = true) String nextCursor) {
    }
}

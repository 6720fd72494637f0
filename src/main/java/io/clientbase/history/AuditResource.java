package io.clientbase.history;

import io.clientbase.platform.Page;
import io.clientbase.platform.QueryParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Tag(name = "history", description = "Who changed what and when")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    HistoryService history;

    @GET
    @Operation(operationId = "listAudit", summary = "Every change to every record, newest first (ADMIN only)")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<HistoryView> list(
            @Parameter(description = "Only changes made by this user") @QueryParam("actorId") Long actorId,
            @Parameter(description = "client, activity, deal, document or user") @QueryParam("recordType") String recordType,
            @Parameter(description = "ISO-8601 instant: changes made at or after it", example = "2026-03-01T00:00:00Z") @QueryParam("since") String since,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return history.audit(actorId, recordType, QueryParams.instant("since", since), cursor, limit);
    }
}

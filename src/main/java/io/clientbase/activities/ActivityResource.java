package io.clientbase.activities;

import io.clientbase.clients.RecordResponses;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.platform.Page;
import io.clientbase.platform.QueryParams;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/activities")
@Tag(name = "activities", description = "Calls, meetings, tasks and notes on clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActivityResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    ActivityService activities;

    @GET
    @Operation(operationId = "listActivities", summary = "Activities in the caller's scope, in id order")
    @APIResponse(responseCode = "200", description = "A page of activities",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<ActivityView> list(@QueryParam("clientId") Long clientId, @QueryParam("ownerId") Long ownerId,
                                   @QueryParam("type") Activity.Type type, @QueryParam("done") Boolean done,
                                   @Parameter(description = "ISO-8601 instant") @QueryParam("dueFrom") String dueFrom,
                                   @Parameter(description = "ISO-8601 instant") @QueryParam("dueTo") String dueTo,
                                   @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        return activities.list(new ActivityStore.Filter(clientId, ownerId, type, done,
                QueryParams.instant("dueFrom", dueFrom), QueryParams.instant("dueTo", dueTo), limit, cursor));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getActivityHistory", summary = "Who changed the activity and when, newest first")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.clientbase.history.HistoryPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public io.clientbase.platform.Page<io.clientbase.history.HistoryView> history(@PathParam("id") long id,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return activities.history(id, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getActivity", summary = "One activity")
    @APIResponse(responseCode = "200", description = "The activity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") long id) {
        return RecordResponses.ok(activities.get(id));
    }

    @POST
    @Operation(operationId = "createActivity", summary = "Add an activity to a client the caller can see")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityRequest.class),
            examples = @ExampleObject(name = "call", value = "{\"clientId\":101,\"type\":\"CALL\",\"subject\":\"Позвонить по договору\",\"dueAt\":\"2026-03-01T09:30:00Z\"}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull ActivityRequest request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/activities", request, () -> {
            ActivityView a = activities.create(request);
            return RecordResponses.created("/api/v1/activities", a);
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateActivity", summary = "Change the members named")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityRequest.class)))
    @APIResponse(responseCode = "200", description = "The activity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, JsonNode body) {
        return RecordResponses.ok(activities.patch(id, body, ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteActivity", summary = "Delete an activity")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void delete(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        activities.delete(id, ifMatch);
    }



    @Schema(name = "ActivityPage")
    public record ActivityPage(@Schema(required = true) java.util.List<ActivityView> items,
                               @Schema(type = SchemaType.STRING, nullable = true) String nextCursor) {
    }
}

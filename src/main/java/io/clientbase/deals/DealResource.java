package io.clientbase.deals;

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

@Path("/api/v1/deals")
@Tag(name = "deals", description = "Deals with clients: title, amount, stage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DealResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    DealService deals;

    @GET
    @Operation(operationId = "listDeals", summary = "Deals in the caller's scope, in id order")
    @APIResponse(responseCode = "200", description = "A page of deals",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DealPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<DealView> list(@QueryParam("clientId") Long clientId, @QueryParam("ownerId") Long ownerId,
                                   @QueryParam("stage") Deal.Stage stage,
                                   @Parameter(description = "Smallest amount") @QueryParam("amountFrom") java.math.BigDecimal amountFrom,
                                   @Parameter(description = "Largest amount") @QueryParam("amountTo") java.math.BigDecimal amountTo,
                                   @Parameter(description = "YYYY-MM-DD") @QueryParam("closeFrom") String closeFrom,
                                   @Parameter(description = "YYYY-MM-DD") @QueryParam("closeTo") String closeTo,
                                   @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        return deals.list(new DealStore.Filter(clientId, ownerId, stage, amountFrom, amountTo,
                QueryParams.date("closeFrom", closeFrom), QueryParams.date("closeTo", closeTo), limit, cursor));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getDealHistory", summary = "Who changed the deal and when, newest first")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.clientbase.history.HistoryPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public io.clientbase.platform.Page<io.clientbase.history.HistoryView> history(@PathParam("id") long id,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return deals.history(id, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeal", summary = "One deal")
    @APIResponse(responseCode = "200", description = "The deal",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DealView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") long id) {
        return RecordResponses.ok(deals.get(id));
    }

    @POST
    @Operation(operationId = "createDeal", summary = "Add a deal to a client the caller can see")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DealRequest.class),
            examples = @ExampleObject(name = "deal", value = "{\"clientId\":101,\"title\":\"Поставка оборудования\",\"amount\":150000.00,\"currency\":\"RUB\",\"stage\":\"PROPOSAL\"}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DealView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull DealRequest request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/deals", request, () -> {
            DealView a = deals.create(request);
            return RecordResponses.created("/api/v1/deals", a);
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateDeal", summary = "Change the members named")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DealRequest.class)))
    @APIResponse(responseCode = "200", description = "The deal",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DealView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, JsonNode body) {
        return RecordResponses.ok(deals.patch(id, body, ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteDeal", summary = "Delete a deal")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void delete(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        deals.delete(id, ifMatch);
    }



    @Schema(name = "DealPage")
    public record DealPage(@Schema(required = true) java.util.List<DealView> items,
                               @Schema(type = SchemaType.STRING, nullable = true) String nextCursor) {
    }
}

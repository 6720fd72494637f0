package io.clientbase.clients;

import io.clientbase.access.CheckedByItsRead;
import io.clientbase.platform.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.platform.Page;
import io.clientbase.platform.QueryParams;
import io.clientbase.platform.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

@Path("/api/v1/clients")
@Tag(name = "clients", description = "The client base, scoped to what the caller may see")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    ClientService clients;

    @Inject
    ClientBulk bulk;

    @GET
    @Operation(operationId = "listClients", summary = "Clients in the caller's scope: keyset pages, sort, free text, filters on custom fields",
            description = "Filter on any visible custom field with field.<key>=value (equality; SELECT and CHECKBOX too; "
                    + "MULTISELECT: contains), and field.<key>.gte / field.<key>.lte for NUMBER, MONEY, DATE and DATETIME. "
                    + "A hidden field answers exactly as an unknown one (422). With updatedSince the list also carries "
                    + "trashed clients (deletedAt set), so a syncing app learns deletions; purged ones are at /clients/tombstones. "
                    + "externalId=<id> (repeatable, up to " + ClientListQuery.MAX_EXTERNAL_IDS + ") keeps the clients with those "
                    + "external ids; it is stated here rather than as a parameter, so that generated clients keep their method "
                    + "signatures (they have getClientByExternalId).")
    @APIResponse(responseCode = "200", description = "A page of clients",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @CheckedByItsRead
    public Page<ClientView> list(
            @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page (same sort)") @QueryParam("cursor") String cursor,
            @Parameter(description = "id, name, createdAt, updatedAt or field.<key>; prefix - for descending", example = "-updatedAt") @QueryParam("sort") String sort,
            @Parameter(description = "Free text over the name and text fields") @QueryParam("q") String q,
            @Parameter(description = "Only this owner's clients") @QueryParam("ownerId") Long ownerId,
            @Parameter(description = "ISO-8601 instant: clients changed since, trashed ones included", example = "2026-03-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "true: the caller's trash (needs clients.delete)") @QueryParam("deleted") @DefaultValue("false") boolean deleted,
            @Context UriInfo uri) {
        return clients.list(new ClientListQuery.Parameters(limit, cursor, sort, q, ownerId, QueryParams.instant("updatedSince", updatedSince),
                deleted, uri.getQueryParameters()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getClient", summary = "One client (404 when outside the caller's scope)")
    @APIResponse(responseCode = "200", description = "The client; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @CheckedByItsRead
    public Response get(@PathParam("id") long id) {
        return withTag(Response.ok(), clients.get(id));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getClientHistory", summary = "Who changed the client and when, newest first",
            description = "Each entry names the members it set with their values before and after; custom fields as "
                    + "fields.<key>, only those visible to the caller. Kept in the transaction of the change.")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.clientbase.history.HistoryPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<io.clientbase.history.HistoryView> history(@PathParam("id") long id,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return clients.history(id, cursor, limit);
    }

    @GET
    @Path("/{id}/card")
    @Operation(operationId = "getClientCard", summary = "The client card: visible sections and fields in display order, with values and read-only flags")
    @APIResponse(responseCode = "200", description = "The card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientCard.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @CheckedByItsRead
    public Response card(@PathParam("id") long id) {
        ClientCard card = clients.card(id);
        return Response.ok(card).tag(new EntityTag(Integer.toString(card.version()))).build();
    }

    @POST
    @Operation(operationId = "createClient", summary = "Create a client; ownerId defaults to the caller")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRequest.class),
            examples = @ExampleObject(name = "client", value = "{\"name\":\"ООО Ромашка\",\"fields\":{\"contract_no\":\"A-17\","
                    + "\"first_payment\":\"2026-03-01\",\"vip\":true,\"employees\":42}}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull ClientRequest request, @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/clients", request, () -> {
            ClientView client = clients.create(request);
            return withTag(Response.created(URI.create("/api/v1/clients/" + client.id())), client);
        });
    }

    @GET
    @Path("/by-external-id/{externalId: .+}")
    @Operation(operationId = "getClientByExternalId", summary = "The client with this external id (404 when none in the caller's scope)",
            description = "The external id percent-encoded as one path segment; a / in it may also be sent as is.")
    @APIResponse(responseCode = "200", description = "The client; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response getByExternalId(@Parameter(description = "The client's id in the integrator's system", example = "CRM-000417",
                                            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = ExternalIds.MAX_LENGTH))
                                    @PathParam("externalId") String externalId) {
        return withTag(Response.ok(), clients.getByExternalId(externalId));
    }

    @PUT
    @Path("/by-external-id/{externalId: .+}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "upsertClientByExternalId", summary = "Create (201) or update (200) the client with this external id",
            description = "Creates the client when no client has the external id (needs clients.create; the body as for a create, "
                    + "name required), else updates it as a merge patch: the members named change, the others keep their value "
                    + "(needs clients.edit). The body may leave externalId out or repeat the path's. If-None-Match: * only "
                    + "creates and If-Match only updates that version (412 otherwise). A client outside the caller's scope, or "
                    + "in the trash, holds the id: 409. Two requests with one new external id at once make one client.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRequest.class),
            examples = @ExampleObject(name = "upsert", value = "{\"name\":\"ООО Ромашка\",\"fields\":{\"contract_no\":\"A-17\"}}")))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response upsertByExternalId(@Parameter(description = "The client's id in the integrator's system", example = "CRM-000417",
                                            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = ExternalIds.MAX_LENGTH))
                                       @PathParam("externalId") String externalId,
                                       @Parameter(description = "ETag of the version you change; 412 when stale or when no client has the id")
                                       @HeaderParam("If-Match") String ifMatch,
                                       @Parameter(description = "* to create only: 412 when a client has the id")
                                       @HeaderParam("If-None-Match") String ifNoneMatch,
                                       JsonNode body) {
        ClientService.Upserted done = clients.upsert(externalId, body, ifMatch, ifNoneMatch);
        return withTag(done.created() ? Response.created(URI.create("/api/v1/clients/" + done.client().id())) : Response.ok(), done.client());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateClient", summary = "Merge patch: the members named change; a null custom value removes it")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientRequest.class),
            examples = @ExampleObject(name = "patch", value = "{\"fields\":{\"vip\":false,\"contract_no\":null}}")))
    @APIResponse(responseCode = "200", description = "The updated client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id,
                          @Parameter(description = "ETag of the version you change; 412 when stale") @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        return withTag(Response.ok(), clients.patch(id, body, ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteClient", summary = "Move a client to the trash, or purge it from the trash with ?purge=true (ADMIN only)")
    @APIResponse(responseCode = "204", description = "In the trash, or purged")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void delete(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch,
                       @Parameter(description = "true: remove a trashed client for good") @QueryParam("purge") @DefaultValue("false") boolean purge) {
        if (purge) {
            clients.purge(id);
        } else {
            clients.delete(id, ifMatch);
        }
    }

    @POST
    @Path("/{id}/restore")
    @Operation(operationId = "restoreClient", summary = "Bring a client back from the trash")
    @APIResponse(responseCode = "200", description = "The client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response restore(@PathParam("id") long id) {
        return withTag(Response.ok(), clients.restore(id));
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", "application/x-ndjson", "application/jsonl"})
    @Operation(operationId = "importClients", summary = "Bulk import: CSV or JSON Lines, each row validated like a single create",
            description = "CSV: a header with name, optionally ownerId, and field keys; empty cells are no value; MULTISELECT "
                    + "options separated by |. JSON Lines: one ClientRequest object per line. Valid rows are created in batches of "
                    + "1000 (one transaction each); invalid rows are reported with their line and do not stop the others. "
                    + "CSV as Excel saves it is read as is: a leading byte-order mark is skipped, and the separator (, ; | or tab) is "
                    + "taken from the header line, or from ?delimiter= (stated here rather than as a parameter, so that generated "
                    + "clients keep their method signatures). A row may carry externalId (a column, or a member). "
                    + "?mode=upsert (needs clients.create and clients.edit): a row whose externalId a client holds updates that "
                    + "client as a merge patch - the columns or members given change, an empty CSV cell or a null removes the value "
                    + "- and the other rows are created; a row that changes nothing leaves its client as is. Without it (mode=create) "
                    + "a row naming a taken externalId is reported. A client outside the caller's scope or in the trash holding the "
                    + "externalId is a failed row. mode, like delimiter, is stated here rather than as a parameter.")
    @RequestBody(content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE,
            description = "At most CLIENTBASE_IMPORT_MAX_SIZE (2 GB by default)"),
            example = "name,ownerId,contract_no,vip\nООО Ромашка,7,A-17,true\n"),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE,
                    description = "At most CLIENTBASE_IMPORT_MAX_SIZE (2 GB by default)"))})
    @APIResponse(responseCode = "200", description = "The per-row report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientBulk.Report.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response importClients(java.io.InputStream body, @HeaderParam("Content-Type") String contentType,
            @Parameter(hidden = true) @QueryParam("delimiter") String delimiter,
            @Parameter(hidden = true) @QueryParam("mode") String mode,
            @Parameter(hidden = true) @HeaderParam("Idempotency-Key") String idempotencyKey) {
        java.nio.charset.Charset charset = charset(contentType);
        boolean csv = contentType != null && contentType.startsWith("text/csv");
        ClientBulk.Mode how = ClientBulk.Mode.named(mode);
        return idempotent.onceStreaming(currentCaller.get().id(), idempotencyKey,
                "POST /api/v1/clients/import " + csv + " " + delimiter + " " + how, body,
                rows -> Response.ok(csv ? bulk.importCsv(rows, charset, delimiter, how) : bulk.importJsonLines(rows, charset, how)).build());
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(operationId = "exportClients", summary = "Bulk export as CSV, streamed: the caller's scope and visible fields, the list's filters",
            description = "Every matching client in id order: q, ownerId and field.<key> filters as on the list. The list's paging and "
                    + "sync parameters (limit, cursor, sort, updatedSince, deleted) are refused with 400, never ignored. "
                    + "For Excel: ?delimiter=; (one of , ; | tab; default ,) and ?bom=true (a UTF-8 byte-order mark first). "
                    + "These two are stated here rather than as parameters, so that generated clients keep their method signatures.")
    @APIResponse(responseCode = "200", description = "CSV with a header: id, name, ownerId, createdAt, updatedAt, externalId, then one column per visible field",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE,
                    description = "Streamed; an export beyond 2 GB should be cut by the list's filters")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response exportClients(@QueryParam("q") String q, @QueryParam("ownerId") Long ownerId,
            @Parameter(hidden = true) @QueryParam("delimiter") String delimiter,
            @Parameter(hidden = true) @QueryParam("bom") @DefaultValue("false") boolean bom,
            @Context UriInfo uri) {
        jakarta.ws.rs.core.MultivaluedMap<String, String> filters = new jakarta.ws.rs.core.MultivaluedHashMap<>(uri.getQueryParameters());
        filters.remove("delimiter");
        filters.remove("bom");
        var body = bulk.exportCsv(new ClientListQuery.Parameters(null, null, null, q, ownerId, null, false, filters), delimiter, bom);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"clients.csv\"").build();
    }

    @GET
    @Path("/tombstones")
    @Operation(operationId = "listClientTombstones", summary = "Clients purged, or gone out of the caller's scope, since an instant, for syncing apps",
            description = "A syncing app removes these ids. Besides purged clients (reason PURGED), a client the caller saw "
                    + "and no longer sees although it exists comes once it left his scope (LEFT_SCOPE: given to another owner, "
                    + "or its owner now answers to another manager), for as long as it stays outside; one that enters his "
                    + "scope comes in the list's updatedSince. At most " + Limits.TOMBSTONES_PER_PAGE + " per answer, in "
                    + "purgedAt order. When more follow, the answer has a Link header with rel=\"next\" (the same query with "
                    + "a cursor); send it until no Link comes.")
    @APIResponse(responseCode = "200", description = "Client ids gone from the caller's view",
            headers = @Header(name = "Link", description = "The next page, when there is one: <…?cursor=…>; rel=\"next\"",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 20000)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tombstone.class,
                    type = SchemaType.ARRAY, maxItems = Limits.TOMBSTONES_PER_PAGE)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response tombstones(@Parameter(description = "ISO-8601 instant") @QueryParam("since") String since,
                               @Parameter(description = "From the Link header of the previous answer") @QueryParam("cursor") String cursor,
                               @Parameter(description = "Tombstones per answer, 1 to " + Limits.TOMBSTONES_PER_PAGE + " (the default)")
                               @QueryParam("limit") @Min(1) @Max(Limits.TOMBSTONES_PER_PAGE) Integer limit,
                               @Context UriInfo uri) {
        var page = clients.tombstones(QueryParams.instant("since", since), cursor, limit == null ? Limits.TOMBSTONES_PER_PAGE : limit);
        Response.ResponseBuilder answer = Response.ok(page.items());
        if (page.nextCursor() != null) {
            URI next = uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build();
            answer.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** The charset the body declares; UTF-8 when it declares none. */
    private static java.nio.charset.Charset charset(String contentType) {
        try {
            String declared = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get("charset");
            return declared == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(declared);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("Content-Type", "names a charset this server does not know");
        }
    }

    private static Response withTag(Response.ResponseBuilder builder, ClientView client) {
        return builder.entity(client).tag(new EntityTag(Integer.toString(client.version()))).build();
    }


    @Schema(name = "ClientPage")
    public record ClientPage(@Schema(required = true) List<ClientView> items,
                             @Schema(type = SchemaType.STRING, nullable = true) String nextCursor) {
    }
}

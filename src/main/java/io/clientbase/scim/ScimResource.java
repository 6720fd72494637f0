package io.clientbase.scim;

import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.response.ErrorResponse;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.Scopes;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SCIM 2.0 (RFC 7643, RFC 7644) for identity providers: an ADMIN's token, then the SDK. Each
 * operation is declared here so that the contract names them; all go through {@link #scim}. The
 * SCIM errors every operation may answer are declared once, by the contract filter (tag scim).
 */
@Path("/scim/v2")
@Tag(name = "scim", description = "SCIM 2.0 provisioning of users and groups (ADMIN): application/scim+json")
@Produces(ScimResource.SCIM_JSON)
@Consumes({ScimResource.SCIM_JSON, MediaType.APPLICATION_JSON})
public class ScimResource {

    static final String SCIM_JSON = "application/scim+json";
    private static final java.util.Set<String> RFC7644_TYPES = java.util.Set.of("invalidFilter", "tooMany", "uniqueness",
            "mutability", "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive");

    @Inject
    CurrentCaller current;

    @Inject
    ScimEndpoint endpoint;

    @Inject
    RightsEvaluator rights;

    @Context
    HttpServerRequest request;

    @GET
    @Path("/ServiceProviderConfig")
    @Operation(operationId = "scimServiceProviderConfig", summary = "What this SCIM service provider supports")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response serviceProviderConfig() {
        return scim(null);
    }

    @GET
    @Path("/ResourceTypes")
    @Operation(operationId = "scimResourceTypes", summary = "The resource types: User (with the enterprise and clientbase extensions) and Group")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response resourceTypes() {
        return scim(null);
    }

    @GET
    @Path("/ResourceTypes/{name}")
    @Operation(operationId = "scimResourceType", summary = "One resource type")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response resourceType(@PathParam("name") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 100)) String name) {
        return scim(null);
    }

    @GET
    @Path("/Schemas")
    @Operation(operationId = "scimSchemas", summary = "The schemas, the clientbase extension urn:clientbase:params:scim:schemas:extension:2.0:User among them")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response schemas() {
        return scim(null);
    }

    @GET
    @Path("/Schemas/{id}")
    @Operation(operationId = "scimSchema", summary = "One schema")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response schema(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 200)) String id) {
        return scim(null);
    }

    @GET
    @Path("/Users")
    @Operation(operationId = "scimListUsers", summary = "Users: filter (eq ne co sw ew pr gt ge lt le, and or not), startIndex/count, sortBy/sortOrder, attributes")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response listUsers() {
        return scim(null);
    }

    @POST
    @Path("/Users")
    @Operation(operationId = "scimCreateUser", summary = "Create a user (201); without a password he cannot log in until one is set")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response createUser(String body) {
        return scim(body);
    }

    @POST
    @Path("/Users/.search")
    @Operation(operationId = "scimSearchUsers", summary = "Search users with a SearchRequest body")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response searchUsers(String body) {
        return scim(body);
    }

    @GET
    @Path("/Users/{id}")
    @Operation(operationId = "scimGetUser", summary = "One user; meta.version is his ETag")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response getUser(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id) {
        return scim(null);
    }

    @PUT
    @Path("/Users/{id}")
    @Operation(operationId = "scimReplaceUser", summary = "Replace a user (If-Match: 412 when stale); a left-out extension keeps its values")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response replaceUser(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id,
                                String body) {
        return scim(body);
    }

    @PATCH
    @Path("/Users/{id}")
    @Operation(operationId = "scimPatchUser", summary = "PatchOp on a user: add, replace, remove, value filters in paths")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response patchUser(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id,
                              String body) {
        return scim(body);
    }

    @DELETE
    @Path("/Users/{id}")
    @Operation(operationId = "scimDeleteUser", summary = "Delete a user (204); one who owns records is refused (409): deactivate him instead")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteUser(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id) {
        return scim(null);
    }

    @GET
    @Path("/Groups")
    @Operation(operationId = "scimListGroups", summary = "Groups: the groups of /api/v1/groups, with their members")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response listGroups() {
        return scim(null);
    }

    @POST
    @Path("/Groups")
    @Operation(operationId = "scimCreateGroup", summary = "Create a group, with members")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response createGroup(String body) {
        return scim(body);
    }

    @GET
    @Path("/Groups/{id}")
    @Operation(operationId = "scimGetGroup", summary = "One group")
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response getGroup(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id) {
        return scim(null);
    }

    @PUT
    @Path("/Groups/{id}")
    @Operation(operationId = "scimReplaceGroup", summary = "Replace a group: its name and members")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response replaceGroup(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id,
                                 String body) {
        return scim(body);
    }

    @PATCH
    @Path("/Groups/{id}")
    @Operation(operationId = "scimPatchGroup", summary = "PatchOp on a group: add or remove members, rename")
    @RequestBody(required = true, content = {@Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScimJson.class))})
    @APIResponse(responseCode = "200", description = "The SCIM resource, or a ListResponse",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(implementation = ScimJson.class)))
    public Response patchGroup(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id,
                               String body) {
        return scim(body);
    }

    @DELETE
    @Path("/Groups/{id}")
    @Operation(operationId = "scimDeleteGroup", summary = "Delete a group (refused while it restricts a section)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteGroup(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 20)) String id) {
        return scim(null);
    }

    /**
     * An ADMIN's token with the scim scope (the rights evaluator's rules; a refusal becomes a SCIM
     * error in ProblemResponses, as every refusal under /scim); then the SDK answers the request.
     */
    private Response scim(String body) {
        Caller caller = current.get();
        rights.requireAdmin(caller);
        rights.requireScope(caller, Scopes.SCIM);
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        HttpMethod method = HttpMethod.valueOf(request.method().name());
        var answer = endpoint.handle(request.absoluteURI(), method, body == null || body.isEmpty() ? null : body, headers);
        if (answer instanceof ErrorResponse problem) {
            statusAsString(problem);
        }
        return answer.buildJakartaResponse();
    }

    /**
     * RFC 7644 §3.12: the error's status is a JSON string ("404"); the SDK writes a number. Its own
     * refusals of a document (a value outside a schema's canonical values, a wrong type) come
     * without a scimType: they are invalid values, or invalid syntax when the JSON does not parse.
     */
    private static void statusAsString(ErrorResponse problem) {
        problem.put("status", Integer.toString(problem.getHttpStatus()));
        String type = problem.path("scimType").asText("");
        if (problem.getHttpStatus() == 400 && !RFC7644_TYPES.contains(type)) {
            // the SDK's own types (unparseableRequest, …) as the RFC names them
            String text = (type + " " + problem.path("detail").asText("")).toLowerCase(java.util.Locale.ROOT);
            boolean syntax = text.contains("json") || text.contains("parse") || text.contains("unexpected");
            problem.put("scimType", syntax ? "invalidSyntax" : "invalidValue");
        }
    }

    /** Any SCIM resource, list or PatchOp as RFC 7643 and 7644 define them; /scim/v2/Schemas describes them. */
    @Schema(name = "ScimResource", type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
            description = "A SCIM resource, ListResponse, SearchRequest or PatchOp (RFC 7643, RFC 7644); see /scim/v2/Schemas")
    public static final class ScimJson {
    }

    /** The SCIM error (RFC 7644 §3.12). */
    @Schema(name = "ScimError")
    public record ScimError(
            @Schema(required = true, maxItems = 1, example = "[\"urn:ietf:params:scim:api:messages:2.0:Error\"]") List<@jakarta.validation.constraints.Size(max = 100) String> schemas,
            @Schema(required = true, example = "400", maxLength = 3) String status,
            @Schema(example = "invalidValue", maxLength = 50) String scimType,
            @Schema(example = "type is immutable: a EMPLOYEE stays a EMPLOYEE", maxLength = 4000) String detail) {
    }
}

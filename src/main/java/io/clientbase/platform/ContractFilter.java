package io.clientbase.platform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What every operation of the contract shares, stated once instead of on each resource: the
 * rate-limit and CORS headers of every answer, the 400, 403, 406, 414, 429, 431, 500 and 503 any call may get (413
 * and 415 with a body), the ETag and 304 of a record that carries its version, and the
 * bounds the server applies to members that name none of their own:
 * <ul>
 * <li>an id ({@code id}, {@code …Id}, the items of {@code …Ids}) is 1 to 2^63-1: larger numbers
 * are refused as malformed, smaller ones as invalid ({@link RequestParameters} for paths and queries);</li>
 * <li>a parameter of {@link RequestParameters#MAX_LENGTHS} is at most that long, a page's
 * {@code nextCursor} as long as the {@code cursor} it is sent back as, a page's {@code items} as
 * many as the largest {@code limit};</li>
 * <li>any other integer ({@code version} included: a user's starts at 0) is 0 to the largest of its format;</li>
 * <li>a date is at most 32 characters, a date-time 64: any longer text does not parse and is refused.</li>
 * </ul>
 */
public class ContractFilter implements OASFilter {

    static final List<String> ANSWER_HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
            "Access-Control-Allow-Origin");
    private static final Map<String, String> SHARED_FAILURES = Map.of(
            "400", "BadRequest", "403", "Forbidden", "406", "NotAcceptable", "414", "UriTooLong", "431", "HeadersTooLarge", "429", "TooManyRequests", "500", "InternalError", "503", "Unavailable");
    private static final Map<String, String> BODY_FAILURES = Map.of("413", "PayloadTooLarge", "415", "UnsupportedMediaType");
    /** What a SCIM operation may refuse with, besides those (RFC 7644 §3.12: scimType names the 400s). */
    private static final Map<String, String> SCIM_FAILURES = Map.of(
            "400", "invalidValue, invalidFilter, invalidSyntax, mutability, noTarget or tooMany",
            "401", "No valid Bearer token", "403", "Not an ADMIN, or a token without the scim scope", "404", "No such resource",
            "409", "uniqueness, or a user who owns records", "412", "If-Match is stale");
    /** The records answered with their version as ETag (RecordResponses and the schema's and users' resources). */
    private static final java.util.Set<String> TAGGED = java.util.Set.of("Client", "ClientCard", "Activity", "Deal", "Document",
            "Field", "Section", "User");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        declareAnswerHeaders(components);
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(ContractFilter::addAnswerHeaders);
        }
        if (components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> bound(name, schema));
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item ->
                    item.getOperations().forEach((method, operation) -> complete(method.name(), operation)));
        }
    }

    /**
     * Every create takes an Idempotency-Key (IdempotentPosts) and answers a retry with the first
     * answer as 200 with Idempotent-Replayed; a key used while its first request runs is a 409.
     * The header is stated in each create's description, not as a parameter: a new optional
     * parameter changes every generated client's method signature (measured: the generated Java
     * client stopped compiling), where a new answer and a description change nothing in its code.
     * POST /users declared it as a parameter before, and keeps it.
     */
    private static void declareReplay(String method, Operation operation) {
        var responses = operation.getResponses();
        APIResponse created = responses.getAPIResponse("201");
        boolean create = "POST".equals(method) && created != null && !NOT_KEYED.contains(operation.getOperationId());
        if (!create && !"importClients".equals(operation.getOperationId())) {
            return;
        }
        String note = "Send an Idempotency-Key header (1 to 200 characters) to make it safe to retry: the same key and request "
                + "answer the first answer again (200, Idempotent-Replayed: true), another request under the key is a 422 "
                + "idempotency-key-reused.";
        if (operation.getDescription() == null || !operation.getDescription().contains("Idempotency-Key")) {
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + " " + note);
        }
        if (create && !responses.hasAPIResponse("200")) {
            APIResponse replay = OASFactory.createAPIResponse()
                    .description("A retry with the same Idempotency-Key and request: the first answer again, nothing done twice")
                    .content(created.getContent())
                    .addHeader(IdempotentPosts.REPLAYED, OASFactory.createHeader().description("true: this is a stored answer")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")));
            if (created.getHeaders() != null && created.getHeaders().containsKey("Location")) {
                replay.addHeader("Location", created.getHeaders().get("Location"));
            }
            responses.addAPIResponse("200", replay);
        }
        if (!responses.hasAPIResponse("409")) {
            responses.addAPIResponse("409", OASFactory.createAPIResponse().ref("Conflict"));
        }
    }

    /** Creates without a key: an API token's answer holds its secret, which is never stored in clear. */
    private static final java.util.Set<String> NOT_KEYED = java.util.Set.of("createApiToken");

    /** Whether the answer is one record that carries its version. */
    private static boolean tagged(APIResponse response) {
        if (response == null || response.getContent() == null || response.getContent().getMediaType("application/json") == null) {
            return false;
        }
        Schema schema = response.getContent().getMediaType("application/json").getSchema();
        return schema != null && schema.getRef() != null
                && TAGGED.contains(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
    }

    private void complete(String method, Operation operation) {
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                Integer maxLength = RequestParameters.maxLength(parameter.getName());
                if (maxLength != null && parameter.getSchema() != null && parameter.getSchema().getMaxLength() == null) {
                    parameter.getSchema().setMaxLength(maxLength);
                }
                bound(parameter.getName(), parameter.getSchema());
            }
        }
        if (operation.getRequestBody() != null) {
            boundContent(operation.getRequestBody().getContent());
        }
        var responses = operation.getResponses();
        Map<String, String> failures = new java.util.TreeMap<>(SHARED_FAILURES);
        if (operation.getRequestBody() != null) {
            failures.putAll(BODY_FAILURES);
        }
        if (tagged(responses.getAPIResponse("200")) && "GET".equals(method)) {
            failures.put("304", "NotModified");
        }
        // under /scim every refusal is a SCIM error (ProblemResponses), not a problem+json
        boolean scim = operation.getTags() != null && operation.getTags().contains("scim");
        if (scim) {
            failures.putAll(SCIM_FAILURES);
        }
        failures.forEach((status, ref) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, scim ? scimFailure(status, SCIM_FAILURES.getOrDefault(status, humanized(ref)))
                        : OASFactory.createAPIResponse().ref(ref));
            }
        });
        declareReplay(method, operation);
        for (String status : List.of("200", "201")) {
            APIResponse answer = responses.getAPIResponse(status);
            if (tagged(answer) && (answer.getHeaders() == null || !answer.getHeaders().containsKey("ETag"))) {
                answer.addHeader("ETag", OASFactory.createHeader().ref("ETag"));
            }
        }
        responses.getAPIResponses().values().forEach(response -> {
            addAnswerHeaders(response);
            boundContent(response.getContent());
        });
    }

    /** "NotAcceptable" as "Not acceptable". */
    private static String humanized(String kind) {
        String words = kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return kind.charAt(0) + words.substring(1);
    }

    private static APIResponse scimFailure(String status, String description) {
        APIResponse failure = OASFactory.createAPIResponse().description(description + " (a SCIM error, RFC 7644 §3.12)");
        if (status.equals("429") || status.equals("503")) {
            failure.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before the next attempt")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                            .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(86400))));
        }
        return failure
                .content(OASFactory.createContent().addMediaType(io.clientbase.platform.problem.ProblemResponses.SCIM_MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ScimError"))));
    }

    private static void declareAnswerHeaders(Components components) {
        components.addHeader("RateLimit-Limit", integerHeader("Requests the caller may send at once (the burst)", 200));
        components.addHeader("RateLimit-Remaining", integerHeader("Requests left before 429", 199));
        components.addHeader("RateLimit-Reset", integerHeader("Seconds until the caller's allowance is whole again", 1));
        components.addHeader("ETag", OASFactory.createHeader()
                .description("The record's version: send it as If-Match to change the record, as If-None-Match to read it again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(16))
                .example("\"3\""));
        components.addHeader("Access-Control-Allow-Origin", OASFactory.createHeader()
                .description("The calling page's origin, when it is one of CLIENTBASE_CORS_ORIGINS")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(2048))
                .example("https://crm.example.com"));
    }

    private static Header integerHeader(String description, int example) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE)))
                .example(example);
    }

    private static void addAnswerHeaders(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        for (String name : ANSWER_HEADERS) {
            if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
                response.addHeader(name, OASFactory.createHeader().ref(name));
            }
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, header) -> bound(name, header.getSchema()));
        }
    }

    private static void boundContent(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> bound("", media.getSchema()));
        }
    }

    /** Gives {@code schema} (and what it holds) the default bounds where it names none. */
    static void bound(String name, Schema schema) {
        if (schema == null || schema.getRef() != null) {
            return;
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        if (types.contains(Schema.SchemaType.INTEGER)) {
            boundInteger(name, schema);
        }
        if (types.contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null && schema.getEnumeration() == null
                && schema.getConstValue() == null) {
            if ("date".equals(schema.getFormat())) {
                schema.setMaxLength(32);
            } else if ("date-time".equals(schema.getFormat())) {
                schema.setMaxLength(64);
            }
        }
        if (schema.getItems() != null) {
            bound(name.endsWith("Ids") ? "itemId" : name, schema.getItems());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach(ContractFilter::bound);
            boundPage(schema);
        }
        for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (parts != null) {
                parts.forEach(part -> bound(name, part));
            }
        }
    }

    private static void boundPage(Schema schema) {
        Schema cursor = schema.getProperties().get("nextCursor");
        Schema items = schema.getProperties().get("items");
        if (cursor != null && cursor.getMaxLength() == null) {
            cursor.setMaxLength(RequestParameters.MAX_LENGTHS.get("cursor"));
        }
        if (cursor != null && items != null && items.getMaxItems() == null) {
            items.setMaxItems(Cursors.MAX_LIMIT);
        }
    }

    private static void boundInteger(String name, Schema schema) {
        boolean id = name.equals("id") || name.endsWith("Id");
        if (schema.getFormat() == null) {
            schema.setFormat(id ? "int64" : "int32");
        }
        boolean int64 = "int64".equals(schema.getFormat());
        if (schema.getMinimum() == null && schema.getExclusiveMinimum() == null) {
            schema.setMinimum(id ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
            schema.setMaximum(BigDecimal.valueOf(int64 ? Long.MAX_VALUE : Integer.MAX_VALUE));
        }
    }
}

package io.clientbase.clients;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/openapi.json")
@Tag(name = "contract", description = "The contract, typed for the caller's company")
public class CompanyContractResource {

    @Inject
    CompanyContract contract;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCompanyContract", summary = "This contract, with the client's fields typed as the caller sees them",
            description = "An OpenAPI 3.1 document: the static contract, where Client.fields and ClientRequest.fields are the "
                    + "custom fields the caller may see (read-only ones marked readOnly and absent from requests), each typed by "
                    + "its field type (TEXT, EMAIL, PHONE, URL string with bounds and formats; NUMBER, MONEY number; DATE date; "
                    + "DATETIME date-time; CHECKBOX boolean; SELECT an enum of its options; MULTISELECT an array of them). "
                    + "Generate a client from it to have this company's card typed. Send its ETag as If-None-Match to learn "
                    + "whether the schema changed (304 when not).")
    @APIResponse(responseCode = "200", description = "The OpenAPI document",
            headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    additionalProperties = Schema.True.class, description = "An OpenAPI 3.1 document", maxProperties = 20)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response get() {
        CompanyContract.Document document = contract.forCaller();
        return Response.ok(document.json(), MediaType.APPLICATION_JSON).tag(new EntityTag(document.etag())).build();
    }
}

package io.clientbase.documents;

import io.clientbase.clients.RecordResponses;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.platform.Page;
import jakarta.inject.Inject;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/documents")
@Tag(name = "documents", description = "Files attached to clients")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    @Inject
    io.clientbase.platform.IdempotentPosts idempotent;

    @Inject
    io.clientbase.access.CurrentCaller currentCaller;

    @Inject
    DocumentService documents;

    @GET
    @Operation(operationId = "listDocuments", summary = "Documents in the caller's scope, in id order")
    @APIResponse(responseCode = "200", description = "A page of documents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Page<DocumentView> list(@QueryParam("clientId") Long clientId, @QueryParam("ownerId") Long ownerId,
                                   @Parameter(description = "e.g. application/pdf") @QueryParam("contentType") String contentType,
                                   @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        return documents.list(new DocumentStore.Filter(clientId, ownerId, contentType, limit, cursor));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getDocumentHistory", summary = "Who changed the document and when, newest first")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.clientbase.history.HistoryPage.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public io.clientbase.platform.Page<io.clientbase.history.HistoryView> history(@PathParam("id") long id,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit") Integer limit,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return documents.history(id, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDocument", summary = "One document's metadata")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") long id) {
        return RecordResponses.ok(documents.get(id));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadDocument", summary = "The file, streamed, with its content type and name")
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary",
                    maxLength = 10485760, description = "At most CLIENTBASE_DOCUMENTS_MAX_SIZE (10 MB by default)")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response content(@PathParam("id") long id) {
        DocumentService.Content content = documents.content(id);
        return Response.ok(content.file().toFile(), content.contentType())
                .header("Content-Disposition", disposition(content.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadDocument", summary = "Upload a file to a client the caller can see (multipart: file, clientId, ownerId)")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response upload(@RestForm("file") FileUpload file, @RestForm("clientId") Long clientId, @RestForm("ownerId") Long ownerId,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey) {
        DocumentService.Upload upload = file == null ? null
                : new DocumentService.Upload(file.uploadedFile(), file.fileName(), file.contentType(), file.size());
        Object parts = idempotencyKey == null ? null : java.util.Arrays.asList(clientId, ownerId,
                upload == null ? null : upload.fileName(), upload == null ? null : upload.contentType(), documents.digestOf(upload));
        return idempotent.once(currentCaller.get().id(), idempotencyKey, "POST /api/v1/documents", parts, () -> {
            DocumentView d = documents.upload(clientId, ownerId, upload);
            return RecordResponses.created("/api/v1/documents", d);
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateDocument", summary = "Rename a document or move it to another client or owner")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentPatch.class)))
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response patch(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, JsonNode body) {
        return RecordResponses.ok(documents.patch(id, body, ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteDocument", summary = "Delete a document and its file")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void delete(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        documents.delete(id, ifMatch);
    }

    /** RFC 6266: an ASCII fallback and the exact UTF-8 name, so Cyrillic names survive. */
    static String disposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }


    @Schema(name = "DocumentUpload")
    public record UploadForm(@Schema(type = SchemaType.STRING, format = "binary", required = true, maxLength = 10485760,
                                     description = "The file, at most CLIENTBASE_DOCUMENTS_MAX_SIZE (10 MB by default)") String file,
                             @Schema(required = true, example = "101") Long clientId,
                             @Schema(example = "7") Long ownerId) {
    }

    @Schema(name = "DocumentPage")
    public record DocumentPage(@Schema(required = true) java.util.List<DocumentView> items,
                               @Schema(type = SchemaType.STRING, nullable = true) String nextCursor) {
    }
}

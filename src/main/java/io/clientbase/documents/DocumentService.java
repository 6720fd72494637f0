package io.clientbase.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.access.Action;
import io.clientbase.access.Area;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.ScopeService;
import io.clientbase.clients.ClientChildren;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.Page;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@ApplicationScoped
public class DocumentService {

    private static final Set<String> MEMBERS = Set.of("fileName", "clientId", "ownerId");
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[\\w.+-]+/[\\w.+-]+$");

    @Inject
    CurrentCaller current;

    @Inject
    RightsEvaluator rights;

    @Inject
    ScopeService scope;

    @Inject
    ClientChildren children;

    @Inject
    DocumentStore store;

    @Inject
    JsonPatchReader patchReader;

    @Inject
    FileStore files;

    @Inject
    DocumentsConfig config;

    /** An uploaded file as the resource received it. */
    public record Upload(Path file, String fileName, String contentType, long size) {
    }

    /** The SHA-256 of an upload's file, or null without one: what names its content under an Idempotency-Key. */
    public String digestOf(Upload upload) {
        if (upload == null || upload.file() == null) {
            return null;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(upload.file())) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a download streams. */
    public record Content(Path file, String fileName, String contentType, long size) {
    }

    public Page<DocumentView> list(DocumentStore.Filter filter) {
        Caller caller = current.get();
        rights.require(caller, Area.DOCUMENTS, Action.VIEW);
        return children.list(store, caller, store.conditions(filter), DocumentView::of);
    }

    public DocumentView get(long id) {
        return DocumentView.of(children.read(current.get(), Area.DOCUMENTS, store, id, "Document"));
    }

    public Content content(long id) {
        Document d = children.read(current.get(), Area.DOCUMENTS, store, id, "Document");
        return new Content(files.path(d.storageKey), d.fileName, d.contentType, d.size);
    }

    public io.clientbase.platform.Page<io.clientbase.history.HistoryView> history(long id, String cursor, Integer limit) {
        return children.history(current.get(), Area.DOCUMENTS, store, io.clientbase.history.RecordType.DOCUMENT, id, "Document", cursor, limit);
    }

    @Transactional
    public DocumentView upload(Long clientId, Long ownerId, Upload upload) {
        Caller caller = current.get();
        rights.require(caller, Area.DOCUMENTS, Action.CREATE);
        children.requireVisibleClient(caller, clientId);
        Long owner = ownerId != null ? ownerId : caller.id();
        scope.requireAssignableOwner(owner);
        if (upload == null || upload.file() == null) {
            throw ApiException.invalid("file", "a multipart part named 'file' is required");
        }
        if (upload.size() > config.maxSize().asLongValue()) {
            throw new ApiException(ProblemKind.PAYLOAD_TOO_LARGE, "The file exceeds the limit of " + config.maxSize().asLongValue() + " bytes");
        }
        Document d = new Document();
        d.clientId = clientId;
        d.ownerId = owner;
        d.fileName = fileName(upload.fileName());
        d.contentType = upload.contentType() != null && MEDIA_TYPE.matcher(upload.contentType()).matches()
                ? upload.contentType() : "application/octet-stream";
        FileStore.Stored stored = files.store(upload.file());
        d.size = stored.size();
        d.sha256 = stored.sha256();
        d.storageKey = stored.key();
        d.createdAt = Instant.now();
        d.updatedAt = d.createdAt;
        d.version = 1;
        store.insert(d);
        return DocumentView.of(d);
    }

    @Transactional
    public DocumentView patch(long id, JsonNode body, String ifMatch) {
        Caller caller = current.get();
        Document d = children.write(caller, Area.DOCUMENTS, Action.EDIT, store, id, ifMatch, "Document");
        DocumentView before = DocumentView.of(d);
        DocumentPatch patch = patchReader.read(body, MEMBERS, DocumentPatch.class);
        if (body.has("fileName")) {
            d.fileName = fileName(patch.fileName());
        }
        if (body.has("clientId")) {
            children.requireVisibleClient(caller, patch.clientId());
            d.clientId = patch.clientId();
        }
        if (body.has("ownerId")) {
            scope.requireAssignableOwner(patch.ownerId());
            d.ownerId = patch.ownerId();
        }
        d.updatedAt = Instant.now();
        d.version++;
        store.updated(before, d);
        return DocumentView.of(d);
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        Document d = children.write(current.get(), Area.DOCUMENTS, Action.DELETE, store, id, ifMatch, "Document");
        files.deleteAfterCommit(List.of(d.storageKey));
        store.delete(d);
    }

    /** The name as the user gave it, without any path and control characters. */
    static String fileName(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw ApiException.invalid("fileName", "must name a file");
        }
        if (name.length() > 255) {
            throw ApiException.invalid("fileName", "must be at most 255 characters");
        }
        return name;
    }
}

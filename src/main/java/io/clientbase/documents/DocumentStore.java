package io.clientbase.documents;

import io.clientbase.clients.ChildRecordStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The SQL of the documents table: its rows by id, its list filters and the files of a client. */
@ApplicationScoped
public class DocumentStore extends ChildRecordStore<Document> {

    public DocumentStore() {
        super(Document.class, "documents", record -> record.id, io.clientbase.history.RecordType.DOCUMENT, DocumentView::of);
    }

    /** What a list of documents may be narrowed by. */
    public record Filter(Long clientId, Long ownerId, String contentType, Integer limit, String cursor) {
    }

    Conditions conditions(Filter f) {
        return where(conditions(f.clientId(), f.ownerId(), f.limit(), f.cursor()), "t.content_type = ?", f.contentType());
    }

    /** The storage keys of a client's documents (their files go when the client is purged). */
    List<String> storageKeysOf(long clientId) {
        return em.createQuery("SELECT d.storageKey FROM Document d WHERE d.clientId = :client", String.class)
                .setParameter("client", clientId).getResultList();
    }

}

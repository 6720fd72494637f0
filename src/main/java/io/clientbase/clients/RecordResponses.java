package io.clientbase.clients;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The HTTP shape every record attached to a client shares (activities, deals, documents): the
 * record with its version as ETag, 201 with Location on create. Stated once so that the three
 * resources cannot drift apart.
 */
public final class RecordResponses {

    /** What the shared shape needs of a record's view. */
    public interface Versioned {
        Long id();

        int version();
    }

    private RecordResponses() {
    }

    /** 200 with the record and its ETag. */
    public static Response ok(Versioned record) {
        return tagged(Response.ok(), record);
    }

    /** 201 with Location {@code basePath/id}, the record and its ETag. */
    public static Response created(String basePath, Versioned record) {
        return tagged(Response.created(URI.create(basePath + "/" + record.id())), record);
    }

    private static Response tagged(Response.ResponseBuilder builder, Versioned record) {
        return builder.entity(record).tag(new EntityTag(Integer.toString(record.version()))).build();
    }
}

package io.clientbase.documents;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** Documents (CLIENTBASE_DOCUMENTS_MAX_SIZE); their files live in the data folder's files/. */
@ConfigMapping(prefix = "clientbase.documents")
public interface DocumentsConfig {

    /** Largest document file (413 above it). */
    MemorySize maxSize();
}

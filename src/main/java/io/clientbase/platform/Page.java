package io.clientbase.platform;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a list; {@code nextCursor} is null on the last page. */
public record Page<T>(
        @Schema(required = true) List<T> items,
        @Schema(description = "Opaque; pass as ?cursor= to get the next page; null on the last page") String nextCursor) {
}

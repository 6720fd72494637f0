package io.clientbase.history;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The contract's name for a page of history entries (the page the services answer is a Page). */
@Schema(name = "HistoryPage")
public record HistoryPage(@Schema(required = true) List<HistoryView> items,
                          @Schema(type = SchemaType.STRING, nullable = true, description = "Older entries: pass as ?cursor=") String nextCursor) {
}

package io.clientbase.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change to a record as a reader may see it: only the members and custom fields visible to him. */
@Schema(name = "HistoryEntry")
public record HistoryView(
        @Schema(example = "5012", required = true) long id,
        @Schema(required = true, description = "When the change was made, by the database clock (UTC)") Instant at,
        @Schema(required = true, description = "Who made the change; null id and login for the system (first start, a purge of the trash)") Actor actor,
        @Schema(required = true, example = "client", enumeration = {"client", "activity", "deal", "document", "user"}, maxLength = 16) String recordType,
        @Schema(required = true, example = "101") long recordId,
        @Schema(required = true, example = "updated", enumeration = {"created", "updated", "deleted", "restored", "owner_changed", "purged"},
                maxLength = 16) String action,
        @Schema(required = true, maxItems = 2000) List<Change> changes) {

    @Schema(name = "HistoryActor")
    public record Actor(@Schema(example = "7") Long id, @Schema(example = "ivanov", maxLength = 100) String login) {
    }

    @Schema(name = "HistoryChange")
    public record Change(
            @Schema(required = true, example = "fields.contract_no", maxLength = 200,
                    description = "name, ownerId, … or fields.<key> for a custom field") String field,
            @Schema(type = SchemaType.OBJECT, implementation = Object.class, nullable = true, example = "A-16",
                    description = "The value before; null when there was none") JsonNode from,
            @Schema(type = SchemaType.OBJECT, implementation = Object.class, nullable = true, example = "A-17",
                    description = "The value after; null when there is none") JsonNode to) {
    }
}

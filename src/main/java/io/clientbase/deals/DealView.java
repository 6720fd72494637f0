package io.clientbase.deals;

import io.clientbase.clients.RecordResponses;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Deal")
public record DealView(
        @Schema(example = "301", required = true) Long id,
        @Schema(example = "101", required = true) Long clientId,
        @Schema(example = "7", required = true) Long ownerId,
        @Schema(example = "Поставка оборудования", required = true, maxLength = 500) String title,
        @Schema(example = "150000.00") BigDecimal amount,
        @Schema(example = "RUB", minLength = 3, maxLength = 3, pattern = "^[A-Z]{3}$") String currency,
        @Schema(required = true) Deal.Stage stage,
        @Schema(example = "2026-06-30") LocalDate closeDate,
        Instant createdAt,
        Instant updatedAt,
        @Schema(example = "1") int version) implements RecordResponses.Versioned {

    static DealView of(Deal d) {
        return new DealView(d.id, d.clientId, d.ownerId, d.title, d.amount, d.currency, d.stage, d.closeDate, d.createdAt,
                d.updatedAt, d.version);
    }
}

package io.clientbase.deals;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: clientId and title required, stage defaults to NEW. Patch: members present change. */
@Schema(name = "DealRequest")
public record DealRequest(
        @Schema(example = "101") Long clientId,
        @Schema(example = "7") Long ownerId,
        @Size(min = 1, max = 500) @Schema(example = "Поставка оборудования") String title,
        @DecimalMin("0") @DecimalMax("999999999999999999") @Digits(integer = 18, fraction = 2) @Schema(example = "150000.00") BigDecimal amount,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as RUB or EUR") @Schema(example = "RUB", minLength = 3, maxLength = 3) String currency,
        Deal.Stage stage,
        @Schema(example = "2026-06-30") LocalDate closeDate) {
}

package dev.ledgerline.connector.tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A tenant's settings as the REST API reads and writes them. On PUT, {@code timeZone} defaults to UTC and
 * {@code fiscalYearStartMonth} to 1 (January) when left out; {@code updatedAt} is ignored.
 */
public record TenantSettingsDto(
        @Size(max = 200) String displayName,
        @NotBlank String homeCurrency,
        String timeZone,
        @Min(1) @Max(12) Integer fiscalYearStartMonth,
        Instant updatedAt) {
}

package dev.ledgerline.connector.mapping;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

public final class MappingDtos {
    private MappingDtos() {
    }

    /** One stage: what a deal in it counts as, and its probability to win (0–1). */
    public record Stage(
            @NotBlank @Size(max = 100) String pipelineId,
            @Size(max = 200) String pipelineLabel,
            @NotBlank @Size(max = 100) String stageId,
            @Size(max = 200) String stageLabel,
            @NotNull StageCategory category,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal probability,
            Boolean edited) {
    }

    /** One raw CRM lead status and the status it counts as. */
    public record LeadStatusEntry(@NotBlank @Size(max = 100) String rawStatus, @NotNull LeadStatus status,
            Boolean edited) {
    }
}

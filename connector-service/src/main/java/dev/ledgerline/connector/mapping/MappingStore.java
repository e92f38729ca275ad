package dev.ledgerline.connector.mapping;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where a run's stage and lead-status mappings come from: the defaults the CRM package derives from the CRM's own
 * metadata, overridden by what a user stored for the connection. Defaults not stored yet are stored unedited (a
 * user's edit is never overwritten), so that {@code GET …/stage-mapping} and {@code …/lead-status-mapping} show what
 * the sync applies. Each call runs in a transaction of its own.
 */
public final class MappingStore {

    private MappingStore() {
    }

    /**
     * The stage mapping derived from the CRM's pipelines with the user's edited stages in place; the derived stages
     * that are not edited are stored (labels, category and probability refreshed from the CRM).
     */
    public static StageMapping stageMapping(UUID connectionId, List<DealPipeline> pipelines) {
        return QuarkusTransaction.requiringNew().call(() -> storeStageMapping(connectionId, pipelines));
    }

    /** The lead-status mapping: {@code defaults} overridden by the stored entries; defaults not stored yet are stored. */
    public static LeadStatusMapping leadStatusMapping(UUID connectionId, LeadStatusMapping defaults) {
        return QuarkusTransaction.requiringNew().call(() -> storeLeadStatusMapping(connectionId, defaults));
    }

    private static StageMapping storeStageMapping(UUID connectionId, List<DealPipeline> pipelines) {
        StageMapping mapping = StageMapping.derivedFrom(pipelines);
        for (StageMappingEntity stored : StageMappingEntity.forConnection(connectionId)) {
            if (stored.edited) {
                mapping = mapping.with(stored.pipelineId, stored.stageId, new StageMapping.Stage(stored.pipelineLabel,
                        stored.stageLabel, dev.ledgerline.wire.StageCategory.valueOf(stored.category.name()),
                        stored.probability.doubleValue(), true));
            }
        }
        for (DealPipeline pipeline : pipelines) {
            for (DealPipeline.Stage stage : pipeline.stages()) {
                StageMappingEntity.Key key = new StageMappingEntity.Key();
                key.connectionId = connectionId;
                key.pipelineId = pipeline.id();
                key.stageId = stage.id();
                StageMappingEntity entity = StageMappingEntity.findById(key);
                if (entity != null && entity.edited) {
                    continue;
                }
                StageMapping.Stage mapped = mapping.lookup(pipeline.id(), stage.id()).orElseThrow();
                if (entity == null) {
                    entity = new StageMappingEntity();
                    entity.connectionId = connectionId;
                    entity.pipelineId = pipeline.id();
                    entity.stageId = stage.id();
                }
                entity.pipelineLabel = pipeline.label();
                entity.stageLabel = stage.label();
                entity.category = StageCategory.valueOf(mapped.category().name());
                entity.probability = BigDecimal.valueOf(mapped.probability() == null ? 0 : mapped.probability());
                entity.persist();
            }
        }
        return mapping;
    }

    private static LeadStatusMapping storeLeadStatusMapping(UUID connectionId, LeadStatusMapping defaults) {
        LeadStatusMapping mapping = defaults;
        Set<String> stored = new HashSet<>();
        for (LeadStatusMappingEntity entry : LeadStatusMappingEntity.forConnection(connectionId)) {
            mapping = mapping.with(entry.rawStatus, dev.ledgerline.wire.LeadStatus.valueOf(entry.status.name()));
            stored.add(entry.rawStatus);
        }
        defaults.entries().forEach((rawStatus, status) -> {
            if (!stored.contains(rawStatus)) {
                LeadStatusMappingEntity.storeDefault(connectionId, rawStatus, LeadStatus.valueOf(status.name()));
            }
        });
        return mapping;
    }
}

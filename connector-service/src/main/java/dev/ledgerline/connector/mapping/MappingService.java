package dev.ledgerline.connector.mapping;

import dev.ledgerline.connector.connection.ConnectionService;
import dev.ledgerline.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * A connection's stage and lead-status mappings. A PUT replaces the whole mapping and marks every entry as edited,
 * so that a later refresh from the CRM's metadata keeps what the user decided.
 */
@ApplicationScoped
public class MappingService {
    private final ConnectionService connections;

    MappingService(ConnectionService connections) {
        this.connections = connections;
    }

    @Transactional
    public List<MappingDtos.Stage> stages(String tenantId, UUID connectionId) {
        connections.find(tenantId, connectionId);
        return StageMappingEntity.forConnection(connectionId).stream().map(MappingService::toDto).toList();
    }

    @Transactional
    public List<MappingDtos.Stage> replaceStages(String tenantId, UUID connectionId, List<MappingDtos.Stage> stages) {
        connections.find(tenantId, connectionId);
        var seen = new HashSet<String>();
        for (int i = 0; i < stages.size(); i++) {
            if (!seen.add(stages.get(i).pipelineId() + "\u0000" + stages.get(i).stageId())) {
                throw ProblemException.badField("[" + i + "].stageId", "stage listed twice in its pipeline");
            }
        }
        StageMappingEntity.delete("connectionId", connectionId);
        StageMappingEntity.getEntityManager().flush();
        for (MappingDtos.Stage stage : stages) {
            StageMappingEntity entity = new StageMappingEntity();
            entity.connectionId = connectionId;
            entity.pipelineId = stage.pipelineId();
            entity.pipelineLabel = stage.pipelineLabel();
            entity.stageId = stage.stageId();
            entity.stageLabel = stage.stageLabel();
            entity.category = stage.category();
            entity.probability = stage.probability();
            entity.edited = true;
            entity.persist();
        }
        return StageMappingEntity.forConnection(connectionId).stream().map(MappingService::toDto).toList();
    }

    @Transactional
    public List<MappingDtos.LeadStatusEntry> leadStatuses(String tenantId, UUID connectionId) {
        connections.find(tenantId, connectionId);
        return LeadStatusMappingEntity.forConnection(connectionId).stream().map(MappingService::toDto).toList();
    }

    @Transactional
    public List<MappingDtos.LeadStatusEntry> replaceLeadStatuses(String tenantId, UUID connectionId,
            List<MappingDtos.LeadStatusEntry> entries) {
        connections.find(tenantId, connectionId);
        var seen = new HashSet<String>();
        for (int i = 0; i < entries.size(); i++) {
            if (!seen.add(entries.get(i).rawStatus())) {
                throw ProblemException.badField("[" + i + "].rawStatus", "status listed twice");
            }
        }
        LeadStatusMappingEntity.delete("connectionId", connectionId);
        LeadStatusMappingEntity.getEntityManager().flush();
        for (MappingDtos.LeadStatusEntry entry : entries) {
            LeadStatusMappingEntity entity = new LeadStatusMappingEntity();
            entity.connectionId = connectionId;
            entity.rawStatus = entry.rawStatus();
            entity.status = entry.status();
            entity.edited = true;
            entity.persist();
        }
        return LeadStatusMappingEntity.forConnection(connectionId).stream().map(MappingService::toDto).toList();
    }

    private static MappingDtos.Stage toDto(StageMappingEntity entity) {
        return new MappingDtos.Stage(entity.pipelineId, entity.pipelineLabel, entity.stageId, entity.stageLabel,
                entity.category, entity.probability, entity.edited);
    }

    private static MappingDtos.LeadStatusEntry toDto(LeadStatusMappingEntity entity) {
        return new MappingDtos.LeadStatusEntry(entity.rawStatus, entity.status, entity.edited);
    }
}

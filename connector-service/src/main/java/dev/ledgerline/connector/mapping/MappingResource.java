package dev.ledgerline.connector.mapping;

import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import dev.ledgerline.connector.mapping.MappingDtos.LeadStatusEntry;
import dev.ledgerline.connector.mapping.MappingDtos.Stage;

/** {@code GET|PUT …/connections/{id}/stage-mapping} and {@code …/lead-status-mapping}. */
@Path("/api/tenants/{tenant}/connections/{id}")
@Allowed(Role.ADMIN)
public class MappingResource {
    private final MappingService mappings;

    MappingResource(MappingService mappings) {
        this.mappings = mappings;
    }

    @GET
    @Path("stage-mapping")
    public List<MappingDtos.Stage> stages(@PathParam("tenant") String tenant, @PathParam("id") UUID id) {
        return mappings.stages(tenant, id);
    }

    @PUT
    @Path("stage-mapping")
    public List<MappingDtos.Stage> replaceStages(@PathParam("tenant") String tenant, @PathParam("id") UUID id,
            @NotNull List<@NotNull @Valid Stage> stages) {
        return mappings.replaceStages(tenant, id, stages);
    }

    @GET
    @Path("lead-status-mapping")
    public List<MappingDtos.LeadStatusEntry> leadStatuses(@PathParam("tenant") String tenant, @PathParam("id") UUID id) {
        return mappings.leadStatuses(tenant, id);
    }

    @PUT
    @Path("lead-status-mapping")
    public List<MappingDtos.LeadStatusEntry> replaceLeadStatuses(@PathParam("tenant") String tenant,
            @PathParam("id") UUID id, @NotNull List<@NotNull @Valid LeadStatusEntry> entries) {
        return mappings.replaceLeadStatuses(tenant, id, entries);
    }
}

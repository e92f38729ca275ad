package dev.ledgerline.connector.sync;

import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** {@code POST …/connections/{id}/sync} starts a run; {@code GET …/runs/{run}} shows its progress. */
@Path("/api/tenants/{tenant}/connections/{id}")
@Allowed(Role.ADMIN)
public class SyncResource {
    private final SyncService syncs;

    SyncResource(SyncService syncs) {
        this.syncs = syncs;
    }

    @POST
    @Path("sync")
    public Response start(@PathParam("tenant") String tenant, @PathParam("id") UUID id,
            @NotNull @Valid SyncDtos.StartSync request) {
        SyncDtos.Run run = syncs.start(tenant, id, request.mode(), SyncTrigger.API);
        return Response.accepted(run).build();
    }

    @GET
    @Path("runs/{run}")
    public SyncDtos.Run run(@PathParam("tenant") String tenant, @PathParam("id") UUID id,
            @PathParam("run") UUID run) {
        return syncs.run(tenant, id, run);
    }
}

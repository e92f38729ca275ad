package dev.ledgerline.connector.connection;

import dev.ledgerline.connector.tenant.TenantIds;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** A tenant's CRM connections (DESIGN.md §8). */
@Path("/api/tenants/{tenant}/connections")
@Allowed(Role.ADMIN)
public class ConnectionResource {
    private final ConnectionService connections;

    ConnectionResource(ConnectionService connections) {
        this.connections = connections;
    }

    @POST
    public Response create(@PathParam("tenant") @Pattern(regexp = TenantIds.PATTERN, message = TenantIds.MESSAGE) String tenant,
            @NotNull @Valid ConnectionDtos.CreateConnection request) {
        ConnectionDtos.Created created = connections.create(tenant, request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public List<ConnectionDtos.Connection> list(@PathParam("tenant") String tenant) {
        return connections.list(tenant);
    }

    @GET
    @Path("{id}")
    public ConnectionDtos.Connection get(@PathParam("tenant") String tenant, @PathParam("id") UUID id) {
        return connections.get(tenant, id);
    }

    @PUT
    @Path("{id}/settings")
    public ConnectionDtos.Connection updateSettings(@PathParam("tenant") String tenant, @PathParam("id") UUID id,
            @NotNull @Valid ConnectionDtos.Settings settings) {
        return connections.updateSettings(tenant, id, settings);
    }

    /** Disconnects: refresh token revoked where the CRM allows, every secret erased, status DISCONNECTED. */
    @DELETE
    @Path("{id}")
    public Response disconnect(@PathParam("tenant") String tenant, @PathParam("id") UUID id) {
        connections.disconnect(tenant, id);
        return Response.noContent().build();
    }
}

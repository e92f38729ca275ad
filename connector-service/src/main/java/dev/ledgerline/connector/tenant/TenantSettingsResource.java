package dev.ledgerline.connector.tenant;

import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** {@code GET|PUT /api/tenants/{tenant}/settings}: home currency, time zone and fiscal-year start. */
@Path("/api/tenants/{tenant}/settings")
@Allowed(Role.ADMIN)
public class TenantSettingsResource {
    private final TenantSettingsService settings;

    TenantSettingsResource(TenantSettingsService settings) {
        this.settings = settings;
    }

    @GET
    public TenantSettingsDto get(@PathParam("tenant") @Pattern(regexp = TenantIds.PATTERN, message = TenantIds.MESSAGE) String tenant) {
        return settings.get(tenant);
    }

    @PUT
    public TenantSettingsDto put(@PathParam("tenant") @Pattern(regexp = TenantIds.PATTERN, message = TenantIds.MESSAGE) String tenant,
            @NotNull @Valid TenantSettingsDto request) {
        return settings.put(tenant, request);
    }
}

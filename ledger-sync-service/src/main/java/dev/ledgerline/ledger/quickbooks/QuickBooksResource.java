package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.ledger.rest.Page;
import dev.ledgerline.ledger.rest.QueryParams;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The tenant's QuickBooks Online company and the state of every push. */
@Path("/api/tenants/{tenant}/quickbooks")
@Allowed(Role.ADMIN)
public class QuickBooksResource {
    private final QuickBooksService service;
    private final QuickBooksConsent consent;

    QuickBooksResource(QuickBooksService service, QuickBooksConsent consent) {
        this.service = service;
        this.consent = consent;
    }

    @PUT
    @Operation(summary = "Connect or change the tenant's QuickBooks company (secrets are stored encrypted, never returned)")
    public QuickBooksDtos.Company configure(@PathParam("tenant") String tenant,
            @NotNull @Valid QuickBooksDtos.CompanySettings settings) {
        return service.configure(tenant, settings);
    }

    @GET
    @Operation(summary = "The tenant's QuickBooks company and its rows per state")
    public QuickBooksDtos.Company company(@PathParam("tenant") String tenant) {
        return service.company(tenant);
    }

    @POST
    @Path("authorize")
    @Operation(summary = "A consent URL of Intuit for the company, with a single-use state good for 10 minutes")
    public QuickBooksDtos.Consent authorize(@PathParam("tenant") String tenant) {
        return consent.authorize(tenant);
    }

    @GET
    @Path("sync")
    @Operation(summary = "Customers, items and documents pushed or to push, newest change first")
    public Page<QuickBooksDtos.SyncRow> rows(@PathParam("tenant") String tenant,
            @Parameter(description = "pending, synced or failed") @QueryParam("state") String state,
            @Parameter(description = "customer, item, invoice, sales_receipt, payment, adjustment or void")
            @QueryParam("entity") String entity,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return service.rows(tenant, QueryParams.choice("state", state, SyncState.class),
                QueryParams.choice("entity", entity, SyncEntity.class), QueryParams.paging(page, size));
    }

    @POST
    @Path("sync/{id}/retry")
    @Operation(summary = "Push a failed row again now")
    public QuickBooksDtos.SyncRow retry(@PathParam("tenant") String tenant, @PathParam("id") UUID id) {
        return service.retry(tenant, id);
    }
}

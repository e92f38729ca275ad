package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.rest.Page;
import dev.ledgerline.ledger.rest.QueryParams;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /api/tenants/{tenant}/invoices}: the invoices in the ledger, newest first. */
@Path("/api/tenants/{tenant}/invoices")
@Allowed(Role.VIEWER)
public class InvoiceResource {
    private final InvoiceQueries invoices;

    InvoiceResource(InvoiceQueries invoices) {
        this.invoices = invoices;
    }

    @GET
    @Operation(summary = "Invoices in the ledger with their lines, amounts applied and open balances")
    public Page<InvoiceView> list(@PathParam("tenant") String tenant,
            @Parameter(description = "open, partially_paid, paid or void") @QueryParam("status") String status,
            @Parameter(description = "page number from 0") @QueryParam("page") String page,
            @Parameter(description = "page size, 1 to 500, default 50") @QueryParam("size") String size) {
        return invoices.list(tenant, QueryParams.choice("status", status, InvoiceView.Status.class),
                QueryParams.paging(page, size));
    }
}

package dev.ledgerline.ledger.report;

import dev.ledgerline.ledger.rest.QueryParams;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /trial-balance} and {@code GET /profitability} of a tenant. */
@Path("/api/tenants/{tenant}")
@Allowed(Role.VIEWER)
public class ReportResource {
    private final ReportQueries reports;

    ReportResource(ReportQueries reports) {
        this.reports = reports;
    }

    @GET
    @Path("trial-balance")
    @Operation(summary = "Debits, credits and balance of every account, per currency; each currency sums to zero")
    public TrialBalance trialBalance(@PathParam("tenant") String tenant,
            @Parameter(description = "entries up to and including this date, YYYY-MM-DD; all when absent")
            @QueryParam("asOf") String asOf) {
        return reports.trialBalance(tenant, QueryParams.date("asOf", asOf));
    }

    @GET
    @Path("profitability")
    @Operation(summary = "Revenue, cost, gross profit and margin per deal, customer or product")
    public Profitability profitability(@PathParam("tenant") String tenant,
            @Parameter(description = "first invoice date, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "last invoice date, YYYY-MM-DD") @QueryParam("to") String to,
            @Parameter(description = "deal, customer or product", required = true) @QueryParam("by") String by) {
        LocalDate start = QueryParams.date("from", from);
        LocalDate end = QueryParams.date("to", to);
        QueryParams.range(start, end);
        Profitability.By grouping = QueryParams.choice("by", by, Profitability.By.class);
        if (grouping == null) {
            throw ProblemException.badField("by", "is required: deal, customer or product");
        }
        return reports.profitability(tenant, start, end, grouping);
    }
}

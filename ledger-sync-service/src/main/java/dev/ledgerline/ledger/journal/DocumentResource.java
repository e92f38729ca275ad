package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.posting.Account;
import dev.ledgerline.ledger.rest.Page;
import dev.ledgerline.ledger.rest.QueryParams;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /documents} and {@code GET /journal} of a tenant, in posting order. */
@Path("/api/tenants/{tenant}")
@Allowed(Role.VIEWER)
public class DocumentResource {
    private final DocumentQueries queries;

    DocumentResource(DocumentQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("documents")
    @Operation(summary = "Posted documents (invoice, sales receipt, payment, void, adjustment) with their journal entries")
    public Page<JournalViews.DocumentView> documents(@PathParam("tenant") String tenant,
            @Parameter(description = "invoice, sales_receipt, payment, void or adjustment") @QueryParam("kind") String kind,
            @Parameter(description = "first document date, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "last document date, YYYY-MM-DD") @QueryParam("to") String to,
            @Parameter(description = "page number from 0") @QueryParam("page") String page,
            @Parameter(description = "page size, 1 to 500, default 50") @QueryParam("size") String size) {
        LocalDate start = QueryParams.date("from", from);
        LocalDate end = QueryParams.date("to", to);
        QueryParams.range(start, end);
        return queries.documents(tenant, QueryParams.choice("kind", kind, DocumentKind.class), start, end,
                QueryParams.paging(page, size));
    }

    @GET
    @Path("journal")
    @Operation(summary = "Journal entries with their debit and credit lines")
    public Page<JournalViews.EntryView> journal(@PathParam("tenant") String tenant,
            @Parameter(description = "only entries with a line on this account, e.g. accounts_receivable")
            @QueryParam("account") String account,
            @Parameter(description = "first entry date, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "last entry date, YYYY-MM-DD") @QueryParam("to") String to,
            @Parameter(description = "page number from 0") @QueryParam("page") String page,
            @Parameter(description = "page size, 1 to 500, default 50") @QueryParam("size") String size) {
        LocalDate start = QueryParams.date("from", from);
        LocalDate end = QueryParams.date("to", to);
        QueryParams.range(start, end);
        return queries.journal(tenant, QueryParams.choice("account", account, Account.class), start, end,
                QueryParams.paging(page, size));
    }
}

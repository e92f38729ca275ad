package dev.ledgerline.ledger.quickbooks;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /quickbooks/callback}: where Intuit sends the user back after consent. Outside {@code /api/}: the browser
 * arriving here carries no bearer token; the single-use state is what proves the consent was asked for.
 */
@Path("/quickbooks/callback")
public class QuickBooksCallbackResource {
    private final QuickBooksConsent consent;

    QuickBooksCallbackResource(QuickBooksConsent consent) {
        this.consent = consent;
    }

    @GET
    @Operation(summary = "Intuit's redirect after consent: exchanges the code, stores the tokens encrypted, sets the realm")
    public QuickBooksDtos.Company callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("realmId") String realmId, @QueryParam("error") String error) {
        return consent.complete(state, code, realmId, error);
    }
}

package dev.ledgerline.ledger.posting;

/** Identity of an invoice from the CRM: a CRM invoice, or a won deal invoiced by the ledger. */
public record InvoiceKey(String tenantId, String connectionId, String source, Origin origin, String externalId) {

    /** Where an invoice comes from. */
    public enum Origin {
        /** An invoice kept in the CRM (crm.invoices.v1). */
        CRM_INVOICE,
        /** A deal that reached WON, invoiced by the ledger (deals.resolved.v1, setting invoiceOnWonDeal). */
        WON_DEAL
    }

    @Override
    public String toString() {
        return tenantId + "/" + connectionId + "/" + source + "/" + origin + "/" + externalId;
    }
}

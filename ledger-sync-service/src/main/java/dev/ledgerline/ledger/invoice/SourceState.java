package dev.ledgerline.ledger.invoice;

/** Where the latest version of a CRM invoice (or won deal) stands with the ledger. */
public enum SourceState {
    /** No crm.connections.v1 record yet: the cut-off is unknown. */
    WAITING_FOR_CONNECTION,
    /** Not issued yet (a draft), or a won deal of a connection that does not invoice won deals. */
    NOT_SENT,
    /** Created before the connection's syncInvoicesSince: never enters the ledger. */
    BEFORE_CUTOFF,
    /** In the ledger (ledgerInvoiceId); later versions post adjustments, payments, a void. */
    POSTED,
    /** Voided or deleted before it was ever posted. */
    CLOSED_UNPOSTED
}

package dev.ledgerline.ledger.journal;

import dev.ledgerline.wire.LedgerDocumentKind;

/** What a posted document is (LedgerDocument.kind). */
public enum DocumentKind {
    INVOICE(LedgerDocumentKind.INVOICE),
    SALES_RECEIPT(LedgerDocumentKind.SALES_RECEIPT),
    PAYMENT(LedgerDocumentKind.PAYMENT),
    VOID(LedgerDocumentKind.VOID),
    ADJUSTMENT(LedgerDocumentKind.ADJUSTMENT);

    private final LedgerDocumentKind wire;

    DocumentKind(LedgerDocumentKind wire) {
        this.wire = wire;
    }

    public LedgerDocumentKind wire() {
        return wire;
    }
}

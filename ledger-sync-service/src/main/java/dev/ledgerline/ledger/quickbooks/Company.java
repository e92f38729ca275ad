package dev.ledgerline.ledger.quickbooks;

/** What a request needs of a company, read once per round (no secrets: the tokens come from {@link QuickBooksTokens}). */
record Company(String tenantId, String realmId, String apiBaseUrl, int minorVersion, String incomeAccountId,
        String refundAccountId, TaxCodes taxCodes) {
    /** US companies' line codes: QuickBooks computes the sales tax of the lines marked TAX. */
    static final String US_TAXABLE = "TAX";
    static final String US_EXEMPT = "NON";

    /**
     * The TaxCodeRef of taxable and untaxed lines (global companies have TaxCodes of their own, with rates), and the
     * transaction's TxnTaxCodeRef if the company names one.
     */
    record TaxCodes(String taxable, String exempt, String transaction) {
        String of(boolean taxed) {
            return taxed ? taxable : exempt;
        }
    }

    static Company of(QuickBooksCompanyEntity entity) {
        return new Company(entity.tenantId, entity.realmId, entity.apiBaseUrl, entity.minorVersion, entity.incomeAccountId,
                entity.refundAccountId, new TaxCodes(entity.taxCodeId == null ? US_TAXABLE : entity.taxCodeId,
                        entity.exemptTaxCodeId == null ? US_EXEMPT : entity.exemptTaxCodeId, entity.txnTaxCodeId));
    }
}

package dev.ledgerline.ledger.quickbooks;

/** What a request needs of a company, read once per round (no secrets: the tokens come from {@link QuickBooksTokens}). */
record Company(String tenantId, String realmId, String apiBaseUrl, int minorVersion, String incomeAccountId,
        String refundAccountId) {
    static Company of(QuickBooksCompanyEntity entity) {
        return new Company(entity.tenantId, entity.realmId, entity.apiBaseUrl, entity.minorVersion, entity.incomeAccountId,
                entity.refundAccountId);
    }
}

package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.secrets.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

/** A company's client secret and tokens, encrypted at rest, each bound to its tenant and column. */
@ApplicationScoped
public class CompanySecrets {
    private final SecretCipher cipher;

    CompanySecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public byte[] seal(QuickBooksCompanyEntity company, String column, String secret) {
        return cipher.encrypt(secret, slot(company, column));
    }

    public String open(QuickBooksCompanyEntity company, String column, byte[] sealed) {
        return cipher.decrypt(sealed, slot(company, column));
    }

    private static String slot(QuickBooksCompanyEntity company, String column) {
        return "quickbooks/" + company.tenantId + "/" + column;
    }
}

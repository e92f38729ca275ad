package dev.ledgerline.connector.sync;

/** The CRM refused the connection's credentials for good (revoked or invalid refresh token): consent is needed. */
public class CredentialsRejected extends RuntimeException {
    public CredentialsRejected(String reason, Throwable cause) {
        super(reason, cause);
    }
}

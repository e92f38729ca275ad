package dev.ledgerline.connector.salesforce;

/**
 * A Salesforce call that failed for good, after the retries its fault allows, with Salesforce's error code (e.g.
 * {@code INVALID_TYPE}, {@code MALFORMED_QUERY}); {@link #status()} is 0 when no response arrived.
 */
public class SalesforceException extends RuntimeException {
    private final int status;
    private final String errorCode;

    public SalesforceException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    SalesforceException(String call, SalesforceError error) {
        this(call + ": HTTP " + error.status() + " " + error.errorCode() + " " + error.message(), error.status(),
                error.errorCode(), null);
    }

    public int status() {
        return status;
    }

    /** Salesforce's error code; null when the body named none. */
    public String errorCode() {
        return errorCode;
    }
}

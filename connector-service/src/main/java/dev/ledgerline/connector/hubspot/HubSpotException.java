package dev.ledgerline.connector.hubspot;

/**
 * A HubSpot call that failed for good, after the retries its fault allows. Carries HubSpot's error fields so that
 * a run can report them; {@link #status()} is 0 when no response arrived (timeouts, connection failures).
 */
public class HubSpotException extends RuntimeException {

    private final int status;
    private final String category;
    private final String correlationId;

    public HubSpotException(String message, int status, String category, String correlationId, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.category = category;
        this.correlationId = correlationId;
    }

    HubSpotException(String context, HubSpotError error) {
        this(context + ": HTTP " + error.status() + " " + error.category() + " " + error.message(), error.status(),
                error.category(), error.correlationId(), null);
    }

    public int status() {
        return status;
    }

    /** HubSpot's error category, e.g. VALIDATION_ERROR or RATE_LIMITS; null when the body had none. */
    public String category() {
        return category;
    }

    /** HubSpot's correlation id of the failed request, for HubSpot support; null when unknown. */
    public String correlationId() {
        return correlationId;
    }
}

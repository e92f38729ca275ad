package dev.ledgerline.connector.monday;

/**
 * A monday.com call that failed for good, after the retries its fault allows. {@link #handling()} says whether the
 * board it read may be skipped ({@code SKIP}), must be read again ({@code CURSOR_EXPIRED}) or fails the run.
 */
public class MondayException extends RuntimeException {
    private final transient MondayError.Handling handling;
    private final String code;

    MondayException(String message, MondayError.Handling handling, String code, Throwable cause) {
        super(message, cause);
        this.handling = handling;
        this.code = code;
    }

    MondayException(String call, MondayError error) {
        this(call + ": " + error, error.handling(), error.code(), null);
    }

    MondayError.Handling handling() {
        return handling;
    }

    /** monday's error code; null when none came (no response, a body that is not JSON). */
    public String code() {
        return code;
    }

    /** Whether the read must start its board again because monday no longer knows the cursor. */
    public boolean cursorExpired() {
        return handling == MondayError.Handling.CURSOR_EXPIRED;
    }
}

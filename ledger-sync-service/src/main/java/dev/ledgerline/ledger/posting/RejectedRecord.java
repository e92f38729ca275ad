package dev.ledgerline.ledger.posting;

/**
 * An input record the ledger refuses: it goes to its topic's dead-letter topic with the reason, and nothing of it is
 * posted. The reason code is machine-readable (DeadLetter.reasonCode), the message says what is wrong with which
 * figures.
 */
public final class RejectedRecord extends dev.ledgerline.consume.RejectedRecord {
    public static final String LINES_DO_NOT_ADD_UP = "LINES_DO_NOT_ADD_UP";
    public static final String UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY";
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
    public static final String INVALID_RECORD = "INVALID_RECORD";

    public RejectedRecord(String reasonCode, String message) {
        super(reasonCode, message);
    }
}

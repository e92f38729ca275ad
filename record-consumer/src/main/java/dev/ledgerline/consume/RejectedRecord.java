package dev.ledgerline.consume;

/**
 * An input record the service refuses: thrown by a {@link RecordHandler}, it rolls the record's transaction back and
 * sends the record to its topic's dead-letter topic with the reason. The reason code is machine-readable
 * (DeadLetter.reasonCode), the message says what is wrong. Services subclass it to name their own reason codes.
 */
public class RejectedRecord extends RuntimeException {
    private final String reasonCode;

    public RejectedRecord(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}

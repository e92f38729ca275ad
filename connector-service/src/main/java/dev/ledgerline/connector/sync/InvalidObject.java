package dev.ledgerline.connector.sync;

/** Thrown while normalising one CRM object; turns into a {@link Rejection} so that the rest of the page goes on. */
public final class InvalidObject extends RuntimeException {

    public InvalidObject(String reason) {
        super(reason, null, false, false);
    }
}

package dev.ledgerline.connector.hubspot;

/** Thrown while normalising one object; turns into a {@link Rejection} so that the rest of the page goes on. */
final class InvalidObject extends RuntimeException {

    InvalidObject(String reason) {
        super(reason, null, false, false);
    }
}

package dev.ledgerline.connector.sync;

import org.apache.avro.specific.SpecificRecord;

/**
 * One page of a stream, normalised.
 *
 * @param newest  the newest position among the page's objects, null when they carry none
 * @param ordered whether the read returns positions in ascending order, so that the page's newest position may be
 *                stored as soon as the page is published; an unordered read stores its newest position at its end
 */
public record StreamPage(NormalizedBatch<? extends SpecificRecord> batch, SyncCursor newest, boolean ordered) {

    public static StreamPage ordered(NormalizedBatch<? extends SpecificRecord> batch, SyncCursor newest) {
        return new StreamPage(batch, newest, true);
    }

    public static StreamPage unordered(NormalizedBatch<? extends SpecificRecord> batch, SyncCursor newest) {
        return new StreamPage(batch, newest, false);
    }
}

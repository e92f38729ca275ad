package dev.ledgerline.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of an event on a topic: SHA-256 of topic, key and value, so the same record content is the same event
 * whatever its offset. The consumers' processed-event log is keyed by it, and a test that published a record waits
 * for its id there.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String topic, byte[] key, byte[] value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(topic.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (key != null) {
                digest.update(key);
            }
            digest.update((byte) 0);
            digest.update(value);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

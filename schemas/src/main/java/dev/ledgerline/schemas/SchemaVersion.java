package dev.ledgerline.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.apache.avro.Schema;

/**
 * One published version of a wire schema.
 *
 * @param name        full name of the record, e.g. {@code dev.ledgerline.wire.Deal}
 * @param version     1 for the first published version; the current one has the highest
 * @param current     whether this is the version the generated class was built from
 * @param fingerprint CRC-64-AVRO fingerprint of the schema's parsing canonical form, as a signed long
 * @param schema      the complete, self-contained schema
 */
public record SchemaVersion(String name, int version, boolean current, long fingerprint, Schema schema) {

    /** The 8 fingerprint bytes in the order they follow {@code C3 01} on the wire (little-endian), as hex. */
    public String fingerprintHex() {
        byte[] wireOrder = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
        return HexFormat.of().formatHex(wireOrder);
    }
}

package dev.ledgerline.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The fingerprint table, {@value #RESOURCE} in the jar: every version of every wire schema with its fingerprint.
 * Written by the build ({@link FingerprintTableGenerator}), read by the {@link SchemaStore} and by consumers in
 * other languages; the format is documented in the module's README.
 */
final class FingerprintTable {

    static final String RESOURCE = "META-INF/ledgerline/fingerprints.json";

    private static final String FORMAT = "Avro single-object encoding: C3 01, then the 8-byte little-endian "
            + "CRC-64-AVRO fingerprint of the writer schema's parsing canonical form (fingerprintHex, in wire order; "
            + "fingerprint, the same as a signed 64-bit integer), then the Avro binary body";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FingerprintTable() {
    }

    static void write(List<SchemaVersion> versions, Path file) throws IOException {
        ObjectNode table = JSON.createObjectNode();
        table.put("format", FORMAT);
        ArrayNode entries = table.putArray("schemas");
        for (SchemaVersion v : versions) {
            ObjectNode entry = entries.addObject();
            entry.put("name", v.name());
            entry.put("version", v.version());
            entry.put("current", v.current());
            entry.put("fingerprintHex", v.fingerprintHex());
            entry.put("fingerprint", v.fingerprint());
            entry.set("schema", JSON.readTree(v.schema().toString()));
        }
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), table);
    }

    /** Reads a table and checks every stored fingerprint against its schema, so a damaged table fails loudly. */
    static List<SchemaVersion> read(InputStream in) throws IOException {
        List<SchemaVersion> versions = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(in).path("schemas")) {
            Schema schema = new Schema.Parser().parse(entry.get("schema").toString());
            SchemaVersion version = new SchemaVersion(entry.get("name").asText(), entry.get("version").asInt(),
                    entry.get("current").asBoolean(), entry.get("fingerprint").asLong(), schema);
            if (version.fingerprint() != SchemaNormalization.parsingFingerprint64(schema)) {
                throw new IOException("Fingerprint of " + version.name() + " v" + version.version()
                        + " does not match its schema in " + RESOURCE);
            }
            versions.add(version);
        }
        return versions;
    }
}

package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.wire.TenantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class FingerprintTableTest {

    private final SchemaStore store = SchemaStore.get();

    @Test
    void theJarCarriesTheTableForOtherLanguages() throws IOException {
        JsonNode table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FingerprintTable.RESOURCE)) {
            assertThat(in).as(FingerprintTable.RESOURCE).isNotNull();
            table = new ObjectMapper().readTree(in);
        }

        assertThat(table.get("format").asText()).contains("C3 01");
        assertThat(table.get("schemas")).hasSize(store.all().size());
        for (JsonNode entry : table.get("schemas")) {
            Schema schema = new Schema.Parser().parse(entry.get("schema").toString());
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            SchemaVersion stored = store.version(fingerprint).orElseThrow();

            assertThat(entry.get("fingerprint").asLong()).isEqualTo(fingerprint);
            assertThat(entry.get("fingerprintHex").asText()).isEqualTo(stored.fingerprintHex());
            assertThat(entry.get("name").asText()).isEqualTo(stored.name()).isEqualTo(schema.getFullName());
            assertThat(entry.get("version").asInt()).isEqualTo(stored.version());
            assertThat(entry.get("current").asBoolean()).isEqualTo(stored.current());
        }
    }

    @Test
    void currentVersionsAreTheSchemasOfTheGeneratedClasses() {
        for (SpecificRecord sample : WireSamples.all()) {
            Schema generated = sample.getSchema();
            SchemaVersion current = store.current(generated.getFullName());

            assertThat(current.current()).isTrue();
            assertThat(current.fingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(generated));
            assertThat(store.findByFingerprint(current.fingerprint())).isEqualTo(current.schema());
        }
    }

    @Test
    void versionsRunFromOneToTheCurrentWithoutGaps() {
        Map<String, List<SchemaVersion>> byName =
                store.all().stream().collect(Collectors.groupingBy(SchemaVersion::name));

        byName.forEach((name, versions) -> {
            assertThat(versions).extracting(SchemaVersion::version)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, versions.size()).boxed().toList());
            assertThat(versions).filteredOn(SchemaVersion::current).singleElement()
                    .extracting(SchemaVersion::version).isEqualTo(versions.size());
        });
    }

    @Test
    void fingerprintHexIsTheEightBytesAfterTheMarkerOnTheWire() {
        SchemaVersion tenants = store.current(TenantSettings.getClassSchema().getFullName());
        byte[] bytes = AvroSerde.of(TenantSettings.class).serializer()
                .serialize(Topics.TENANTS, WireSamples.tenantSettings());

        assertThat(HexFormat.of().formatHex(bytes, 2, 10)).isEqualTo(tenants.fingerprintHex());
        assertThat(store.findByFingerprint(0L)).isNull();
    }
}

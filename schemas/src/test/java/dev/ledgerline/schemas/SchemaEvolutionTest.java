package dev.ledgerline.schemas;

import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Records written with one schema version are read with another, both ways, through the SchemaStore. */
class SchemaEvolutionTest {

    private static final String DEAL = Deal.getClassSchema().getFullName();

    private final SchemaStore store = SchemaStore.get();

    @TestFactory
    Stream<DynamicTest> everyCurrentSchemaReadsAndIsReadByEveryEarlierVersion() {
        return store.all().stream().filter(v -> !v.current()).map(old -> {
            Schema current = store.current(old.name()).schema();
            return DynamicTest.dynamicTest(old.name() + " v" + old.version(), () -> {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old.schema()).getType())
                        .as("backward: current reader, v%d writer", old.version()).isEqualTo(COMPATIBLE);
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), current).getType())
                        .as("forward: v%d reader, current writer", old.version()).isEqualTo(COMPATIBLE);
            });
        });
    }

    @Test
    void dealHasAnEarlierVersionWithoutLossReason() {
        List<SchemaVersion> versions = store.versions(DEAL);

        assertThat(versions).extracting(SchemaVersion::version).containsExactly(1, 2);
        assertThat(versions.get(0).schema().getField("lossReason")).isNull();
        assertThat(versions.get(1).schema().getField("lossReason")).isNotNull();
    }

    @Test
    void aDealWrittenByAVersionOneProducerIsReadWithLossReasonAtItsDefault() throws IOException {
        Schema v1 = store.versions(DEAL).get(0).schema();
        Schema money = v1.getField("amount").schema().getTypes().get(1);
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("tenantId", WireSamples.TENANT)
                .set("connectionId", WireSamples.CONNECTION)
                .set("source", new GenericData.EnumSymbol(v1.getField("source").schema(), "SALESFORCE"))
                .set("externalId", "0065e00000LmNopQRS")
                .set("op", new GenericData.EnumSymbol(v1.getField("op").schema(), "UPSERT"))
                .set("sourceUpdatedAt", WireSamples.UPDATED)
                .set("syncedAt", WireSamples.SYNCED)
                .set("name", "Renewal 株式会社サンプル")
                .set("amount", new GenericRecordBuilder(money).set("amount", new BigDecimal("98765.4321"))
                        .set("currency", "JPY").build())
                .set("stageCategory", new GenericData.EnumSymbol(
                        v1.getField("stageCategory").schema().getTypes().get(1), "LOST"))
                .set("closedAt", WireSamples.UPDATED)
                .set("contactIds", List.of("0035e00000XyZabCDE"))
                .build();
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(genericWithLogicalTypes(), v1).encode(old));

        Deal decoded = AvroSerde.of(Deal.class).deserializer().deserialize(Topics.DEALS, bytes);

        assertThat(decoded.getLossReason()).isNull();
        assertThat(decoded.getName()).isEqualTo("Renewal 株式会社サンプル");
        assertThat(decoded.getAmount()).isEqualTo(new Money(new BigDecimal("98765.4321"), "JPY"));
        assertThat(decoded.getStageCategory()).isEqualTo(StageCategory.LOST);
        assertThat(decoded.getClosedAt()).isEqualTo(WireSamples.UPDATED);
        assertThat(decoded.getContactIds()).containsExactly("0035e00000XyZabCDE");
        assertThat(decoded.getLineItems()).isEmpty();
    }

    @Test
    void aVersionOneConsumerReadsADealOfTheCurrentProducer() throws IOException {
        Schema v1 = store.versions(DEAL).get(0).schema();
        Deal lost = WireSamples.deal(1);
        lost.setLossReason("Budget frozen");
        byte[] bytes = AvroSerde.of(Deal.class).serializer().serialize(Topics.DEALS, lost);

        GenericRecord decoded = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1, store).decode(bytes);

        assertThat(decoded.getSchema().getField("lossReason")).isNull();
        assertThat(decoded.get("name")).hasToString(lost.getName());
        assertThat(((List<?>) decoded.get("lineItems"))).hasSize(1);
    }

    @Test
    void aVersionOneConsumerReadsAScoreMatchLinkAsUnknownAndTheCurrentOneAsScoreMatch() throws IOException {
        Customer customer = WireSamples.customer();
        customer.getSourceLinks().get(0).setDecision(LinkDecision.SCORE_MATCH);
        byte[] bytes = AvroSerde.of(Customer.class).serializer().serialize(Topics.CUSTOMERS, customer);
        Schema v1 = store.versions(Customer.getClassSchema().getFullName()).get(0).schema();

        GenericRecord old = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1, store).decode(bytes);
        Customer current = AvroSerde.of(Customer.class).deserializer().deserialize(Topics.CUSTOMERS, bytes);

        GenericRecord oldLink = (GenericRecord) ((List<?>) old.get("sourceLinks")).get(0);
        assertThat(oldLink.get("decision")).hasToString("UNKNOWN");
        assertThat(current.getSourceLinks().get(0).getDecision()).isEqualTo(LinkDecision.SCORE_MATCH);
    }

    /** Generic records holding BigDecimal and Instant, like the generated classes. */
    private static GenericData genericWithLogicalTypes() {
        GenericData model = new GenericData();
        SpecificData.getForClass(Deal.class).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

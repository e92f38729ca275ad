package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.KpiValue;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    static List<SpecificRecord> samples() {
        return WireSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsEveryRecordType(SpecificRecord record) {
        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsEveryRecordTypeWithAllOptionalFieldsNull(SpecificRecord record) {
        SpecificRecord sparse = withOptionalFieldsNull(record);

        assertThat(roundTrip(sparse)).isEqualTo(sparse);
    }

    @Test
    void samplesCoverEveryWireRecord() {
        List<String> sampled = samples().stream().map(r -> r.getSchema().getFullName()).toList();
        List<String> published = SchemaStore.get().all().stream()
                .filter(SchemaVersion::current).map(SchemaVersion::name).toList();

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void keepsDecimalsExactAndNonAsciiText() {
        Deal decoded = roundTrip(WireSamples.deal(1));

        assertThat(decoded.getAmount().getAmount()).isEqualTo(new BigDecimal("12345.6789"));
        assertThat(decoded.getLineItems().get(0).getName()).isEqualTo("Lizenz Größe 0");
        assertThat(decoded.getName()).isEqualTo("Ångström Lizenzen 2025");
        assertThat(decoded.getExpectedCloseDate()).isEqualTo(WireSamples.deal(0).getExpectedCloseDate());
    }

    @Test
    void writesAmountsWithFewerDecimalsAtScaleFourAndRefusesMore() {
        Deal halfEuro = WireSamples.deal(0);
        halfEuro.setAmount(new Money(new BigDecimal("0.5"), "EUR"));
        Deal tooPrecise = WireSamples.deal(0);
        tooPrecise.setAmount(new Money(new BigDecimal("0.00001"), "EUR"));

        assertThat(roundTrip(halfEuro).getAmount().getAmount()).isEqualTo(new BigDecimal("0.5000"));
        assertThatThrownBy(() -> AvroSerde.of(Deal.class).serializer().serialize(Topics.DEALS, tooPrecise))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Deal");
    }

    @Test
    void roundTripsEmptyAndLargeArrays() {
        Deal none = WireSamples.deal(0);
        Deal thousand = WireSamples.deal(1_000);

        assertThat(roundTrip(none).getLineItems()).isEmpty();
        assertThat(roundTrip(thousand)).isEqualTo(thousand);
        assertThat(roundTrip(thousand).getLineItems()).hasSize(1_000);
    }

    @Test
    void nullIsATombstoneBothWays() {
        AvroSerde<Deal> serde = AvroSerde.of(Deal.class);

        assertThat(serde.serializer().serialize(Topics.DEALS, null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.DEALS, null)).isNull();
    }

    @Test
    void writesSingleObjectEncoding() {
        byte[] bytes = AvroSerde.of(KpiValue.class).serializer().serialize(Topics.KPI_VALUES, WireSamples.kpiValue());
        SchemaVersion current = SchemaStore.get().current(KpiValue.getClassSchema().getFullName());

        assertThat(HexFormat.of().formatHex(bytes, 0, 10)).isEqualTo("c301" + current.fingerprintHex());
    }

    @Test
    void clientsInstantiatingByClassNameConfigureTheTypeByProperty() {
        AvroSerializer<Deal> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroConfig.VALUE_TYPE, Deal.class.getName()), false);
        AvroDeserializer<Deal> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(AvroConfig.VALUE_TYPE, Deal.class.getName()), false);
        Deal deal = WireSamples.deal(2);

        assertThat(deserializer.deserialize(Topics.DEALS, serializer.serialize(Topics.DEALS, deal))).isEqualTo(deal);
    }

    @Test
    void refusesAMissingOrWrongTypeProperty() {
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AvroConfig.VALUE_TYPE);
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(Map.of(AvroConfig.KEY_TYPE, "java.lang.String"), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a generated Avro record class");
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(AvroConfig.VALUE_TYPE, "no.such.Type"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such class");
    }

    /**
     * RUNTIME.md pitfall 4: in Kafka Streams threads under Quarkus test and dev mode the context class loader is not
     * the one of the generated classes; every decoded record, nested ones included, must still be of the serde's
     * classes.
     */
    @Test
    void decodesIntoItsOwnTypeWhenTheContextClassLoaderHasAnotherCopyOfTheClasses() throws Exception {
        AvroSerde<Deal> serde = AvroSerde.of(Deal.class);
        byte[] bytes = serde.serializer().serialize(Topics.DEALS, WireSamples.deal(3));
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (ChildFirstLoader other = new ChildFirstLoader(Deal.class, original)) {
            assertThat(other.loadClass(Deal.class.getName())).isNotSameAs(Deal.class);
            thread.setContextClassLoader(other);

            Object decoded = serde.deserializer().deserialize(Topics.DEALS, bytes);

            assertThat(decoded).isExactlyInstanceOf(Deal.class);
            assertThat(((Deal) decoded).getLineItems()).hasSize(3)
                    .allSatisfy(item -> assertThat(item).isExactlyInstanceOf(LineItem.class));
            assertThat(((Deal) decoded).getAmount()).isExactlyInstanceOf(Money.class);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> T roundTrip(T record) {
        AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("any-topic", record);
        return serde.deserializer().deserialize("any-topic", bytes);
    }

    /** A copy with every {@code ["null", T]} field of the record itself set to null. */
    private static SpecificRecord withOptionalFieldsNull(SpecificRecord record) {
        SpecificRecord copy = SpecificData.getForClass(record.getClass()).deepCopy(record.getSchema(), record);
        for (Schema.Field field : record.getSchema().getFields()) {
            if (field.schema().isNullable()) {
                copy.put(field.pos(), null);
            }
        }
        return copy;
    }

    /** Loads its own copy of the generated wire classes, as Quarkus' application class loaders do. */
    private static final class ChildFirstLoader extends URLClassLoader {
        private static final String WIRE_PACKAGE = Deal.class.getPackageName() + ".";

        ChildFirstLoader(Class<?> sample, ClassLoader parent) {
            super(new URL[] {sample.getProtectionDomain().getCodeSource().getLocation()}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(WIRE_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}

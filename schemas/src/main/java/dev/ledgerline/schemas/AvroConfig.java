package dev.ledgerline.schemas;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link AvroSerializer} and {@link AvroDeserializer} when a client instantiates them by class
 * name (SmallRye Kafka, plain Kafka clients): the generated class to read or write.
 */
public final class AvroConfig {

    /** Fully qualified name of the generated record class of record values, e.g. {@code dev.ledgerline.wire.Deal}. */
    public static final String VALUE_TYPE = "ledgerline.avro.value.type";
    /** The same for record keys (the suite's keys are strings; provided for symmetry). */
    public static final String KEY_TYPE = "ledgerline.avro.key.type";

    private AvroConfig() {
    }

    /** The record class named by {@link #KEY_TYPE} or {@link #VALUE_TYPE}; accepts a class name or a Class. */
    static Class<? extends SpecificRecord> targetType(Map<String, ?> configs, boolean isKey) {
        String property = isKey ? KEY_TYPE : VALUE_TYPE;
        Object configured = configs.get(property);
        if (configured instanceof Class<?> type) {
            return asRecordType(type, property);
        }
        if (configured instanceof String name && !name.isBlank()) {
            try {
                return asRecordType(Class.forName(name.trim(), true, classLoader()), property);
            } catch (ClassNotFoundException e) {
                throw new ConfigException(property, name, "no such class");
            }
        }
        throw new ConfigException(property, configured, "set it to the fully qualified name of a generated Avro class");
    }

    private static Class<? extends SpecificRecord> asRecordType(Class<?> type, String property) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(property, type.getName(), "not a generated Avro record class");
        }
        return type.asSubclass(SpecificRecord.class);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AvroConfig.class.getClassLoader();
    }
}

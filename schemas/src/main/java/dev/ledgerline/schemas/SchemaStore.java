package dev.ledgerline.schemas;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toUnmodifiableMap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Every version of every wire schema ever published, current and historical, looked up by fingerprint. Plugged
 * into Avro's {@code BinaryMessageDecoder} so that a consumer reads records of any known writer version. Loaded
 * once from the fingerprint table the build writes into the jar.
 */
public final class SchemaStore implements org.apache.avro.message.SchemaStore {

    private final List<SchemaVersion> all;
    private final Map<Long, SchemaVersion> byFingerprint;
    private final Map<String, List<SchemaVersion>> byName;

    private SchemaStore(List<SchemaVersion> versions) {
        this.all = versions.stream()
                .sorted(Comparator.comparing(SchemaVersion::name).thenComparingInt(SchemaVersion::version))
                .toList();
        this.byFingerprint = all.stream().collect(toUnmodifiableMap(SchemaVersion::fingerprint, Function.identity()));
        this.byName = all.stream().collect(groupingBy(SchemaVersion::name));
    }

    /** The store of this jar's fingerprint table. */
    public static SchemaStore get() {
        return Loaded.STORE;
    }

    /** The writer schema with this fingerprint, or null when unknown (the contract of Avro's SchemaStore). */
    @Override
    public Schema findByFingerprint(long fingerprint) {
        SchemaVersion version = byFingerprint.get(fingerprint);
        return version == null ? null : version.schema();
    }

    public Optional<SchemaVersion> version(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** Every version of a record, oldest first; empty for an unknown name. */
    public List<SchemaVersion> versions(String fullName) {
        return byName.getOrDefault(fullName, List.of());
    }

    /** The current version of a record. */
    public SchemaVersion current(String fullName) {
        List<SchemaVersion> versions = versions(fullName);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("No wire schema named " + fullName);
        }
        return versions.get(versions.size() - 1);
    }

    /** Every version of every record, by name and then version. */
    public List<SchemaVersion> all() {
        return all;
    }

    /** Lazy holder: the table is read on first use, once per class loader. */
    private static final class Loaded {
        static final SchemaStore STORE = load();

        private static SchemaStore load() {
            try (InputStream in = SchemaStore.class.getClassLoader().getResourceAsStream(FingerprintTable.RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(FingerprintTable.RESOURCE
                            + " is not on the classpath; it is written when Maven builds the schemas module");
                }
                return new SchemaStore(FingerprintTable.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + FingerprintTable.RESOURCE, e);
            }
        }
    }
}

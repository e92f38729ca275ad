package dev.ledgerline.kpi.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory byte store on a hash map, for stores read and written by key on every record and scanned rarely.
 *
 * <p>Kafka Streams' own in-memory store keeps a sorted tree of {@link Bytes}: every get and put walks it with the
 * lexicographic byte comparator (JFR: a sixth of the KPI topology's time with 400,000 deals). Here get, put and
 * delete are one hash lookup; {@link #range}, {@link #prefixScan} and the reverse scans sort a snapshot of the
 * matching keys, and {@link #all} iterates a snapshot unordered — the KPI processor scans only when a task
 * starts or a tenant's settings change. Changelogging, restoration and serdes are the wrappers' of the store
 * builder, as for the built-in stores; only the processor's stream thread touches the map.
 */
public final class HashKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final Map<Bytes, byte[]> map = new HashMap<>();
    /** The input offsets written so far, which the changelogging wrapper attaches to its records. */
    private final Position position = Position.emptyPosition();
    private StateStoreContext context;
    private volatile boolean open;

    HashKeyValueStore(String name) {
        this.name = name;
    }

    /** A supplier for {@code Stores.keyValueStoreBuilder}, in place of {@code Stores.inMemoryKeyValueStore}. */
    public static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new HashKeyValueStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory-hash";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        context.register(root, (key, value) -> {
            if (value == null) {
                map.remove(Bytes.wrap(key));
            } else {
                map.put(Bytes.wrap(key), value);
            }
        });
        open = true;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void flush() {
        // Nothing to write: the changelog is the durable copy.
    }

    @Override
    public void close() {
        map.clear();
        open = false;
    }

    @Override
    public byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        advancePosition();
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        var current = map.get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        advancePosition();
        return map.remove(key);
    }

    private void advancePosition() {
        if (context != null) {
            // A punctuation's write has no input record (its metadata carries no topic).
            context.recordMetadata().filter(input -> input.topic() != null).ifPresent(input ->
                    position.withComponent(input.topic(), input.partition(), input.offset()));
        }
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return sorted(key -> inRange(key, from, to), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return sorted(key -> inRange(key, from, to), true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new SnapshotIterator(new ArrayList<>(map.keySet()));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return sorted(key -> true, true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        var bytes = prefixKeySerializer.serialize(null, prefix);
        return sorted(key -> startsWith(key.get(), bytes), false);
    }

    private static boolean inRange(Bytes key, Bytes from, Bytes to) {
        return (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private KeyValueIterator<Bytes, byte[]> sorted(Predicate<Bytes> matches, boolean descending) {
        var keys = new ArrayList<Bytes>();
        for (var key : map.keySet()) {
            if (matches.test(key)) {
                keys.add(key);
            }
        }
        keys.sort(descending ? Comparator.<Bytes>reverseOrder() : Comparator.<Bytes>naturalOrder());
        return new SnapshotIterator(keys);
    }

    /** Iterates a snapshot of keys, reading each value when reached and skipping keys deleted since. */
    private final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<Bytes> keys;
        private KeyValue<Bytes, byte[]> next;

        SnapshotIterator(List<Bytes> keys) {
            this.keys = keys.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null && keys.hasNext()) {
                var key = keys.next();
                var value = map.get(key);
                if (value != null) {
                    next = KeyValue.pair(key, value);
                }
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            var result = next;
            next = null;
            return result;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            // A snapshot holds no resource.
        }
    }
}

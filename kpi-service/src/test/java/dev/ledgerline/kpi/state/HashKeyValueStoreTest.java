package dev.ledgerline.kpi.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/** The scans a sorted store answers, answered the same by the hash store; reads and writes by key. */
class HashKeyValueStoreTest {
    private final HashKeyValueStore store = new HashKeyValueStore("test");

    @Test
    void readsWritesAndDeletesByKey() {
        store.put(key("t1|a"), value("1"));
        assertThat(store.get(key("t1|a"))).isEqualTo(value("1"));
        assertThat(store.putIfAbsent(key("t1|a"), value("2"))).isEqualTo(value("1"));
        assertThat(store.putIfAbsent(key("t1|b"), value("3"))).isNull();
        store.put(key("t1|b"), null);
        assertThat(store.get(key("t1|b"))).isNull();
        assertThat(store.delete(key("t1|a"))).isEqualTo(value("1"));
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void prefixScanAndRangesAreSortedLikeTheBuiltInStore() {
        store.putAll(List.of(entry("t2|b"), entry("t1|c"), entry("t1|a"), entry("t10|a"), entry("t1|b")));
        assertThat(keys(store.prefixScan("t1|", new StringSerializer()))).containsExactly("t1|a", "t1|b", "t1|c");
        // Bytes order: '0' sorts before '|', so t10|… comes before t1|….
        assertThat(keys(store.range(key("t1|b"), key("t2|b")))).containsExactly("t1|b", "t1|c", "t2|b");
        assertThat(keys(store.reverseRange(key("t10|a"), key("t1|b")))).containsExactly("t1|b", "t1|a", "t10|a");
        assertThat(keys(store.reverseAll())).containsExactly("t2|b", "t1|c", "t1|b", "t1|a", "t10|a");
        assertThat(keys(store.all())).containsExactlyInAnyOrder("t1|a", "t1|b", "t1|c", "t10|a", "t2|b");
    }

    @Test
    void aScanSkipsKeysDeletedWhileItRuns() {
        store.putAll(List.of(entry("t1|a"), entry("t1|b"), entry("t1|c")));
        try (var scan = store.prefixScan("t1|", new StringSerializer())) {
            assertThat(text(scan.next().key)).isEqualTo("t1|a");
            store.delete(key("t1|b"));
            assertThat(text(scan.peekNextKey())).isEqualTo("t1|c");
            assertThat(scan.hasNext()).isTrue();
            scan.next();
            assertThat(scan.hasNext()).isFalse();
        }
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> iterator) {
        var keys = new ArrayList<String>();
        try (iterator) {
            iterator.forEachRemaining(entry -> keys.add(text(entry.key)));
        }
        return keys;
    }

    private static KeyValue<Bytes, byte[]> entry(String key) {
        return KeyValue.pair(key(key), value(key));
    }

    private static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String value) {
        return ("v-" + value).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Bytes key) {
        return new String(key.get(), StandardCharsets.UTF_8);
    }
}

package dev.ledgerline.merge;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CatalogItem;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.ResolvedDeal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * What merge-service published for one tenant, read from the real output topics from their start: every record in
 * order, and the latest value per key (what a compacted topic keeps; a tombstone removes the key).
 */
public final class MergeOutput implements AutoCloseable {
    private static final AvroSerde<Customer> CUSTOMERS = AvroSerde.of(Customer.class);
    private static final AvroSerde<ResolvedDeal> DEALS = AvroSerde.of(ResolvedDeal.class);
    private static final AvroSerde<CatalogItem> ITEMS = AvroSerde.of(CatalogItem.class);

    private final String tenant;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<ConsumerRecord<String, byte[]>>> records = new LinkedHashMap<>();

    public MergeOutput(String tenant) {
        this.tenant = tenant;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "merge-output-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CUSTOMERS, Topics.RESOLVED_DEALS, Topics.CATALOG_ITEMS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            records.put(topic, new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived since the last call. */
    public synchronized MergeOutput refresh() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            if (tenant.equals(Keys.tenantOf(record.key()))) {
                records.get(record.topic()).add(record);
            }
        }
        return this;
    }

    /** Waits (generously: the machine is shared) until the output satisfies the condition. */
    public MergeOutput await(Predicate<MergeOutput> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> condition.test(refresh()));
        return this;
    }

    /** Reads for a while longer, for assertions that nothing more arrives. */
    public MergeOutput settle(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            refresh();
        }
        return this;
    }

    public List<Customer> customerRecords() {
        return decode(Topics.CUSTOMERS, CUSTOMERS);
    }

    /** The latest customer per id, merged ones (tombstoned) left out. */
    public Map<String, Customer> customers() {
        return latest(Topics.CUSTOMERS, CUSTOMERS);
    }

    public List<ResolvedDeal> dealRecords() {
        return decode(Topics.RESOLVED_DEALS, DEALS);
    }

    public Map<String, ResolvedDeal> deals() {
        return latest(Topics.RESOLVED_DEALS, DEALS);
    }

    public Map<String, CatalogItem> items() {
        return latest(Topics.CATALOG_ITEMS, ITEMS);
    }

    public List<CatalogItem> itemRecords() {
        return decode(Topics.CATALOG_ITEMS, ITEMS);
    }

    private synchronized <T extends org.apache.avro.specific.SpecificRecord> List<T> decode(String topic,
            AvroSerde<T> serde) {
        return records.get(topic).stream().filter(r -> r.value() != null)
                .map(r -> serde.deserializer().deserialize(topic, r.value())).toList();
    }

    private synchronized <T extends org.apache.avro.specific.SpecificRecord> Map<String, T> latest(String topic,
            AvroSerde<T> serde) {
        Map<String, T> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records.get(topic)) {
            String id = Keys.split(record.key()).get(Keys.split(record.key()).size() - 1);
            if (record.value() == null) {
                latest.remove(id);
            } else {
                latest.put(id, serde.deserializer().deserialize(topic, record.value()));
            }
        }
        return latest;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

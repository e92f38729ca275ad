package dev.ledgerline.e2e;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.ResolvedDeal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What merge-service publishes for one tenant, as a downstream service reads it: the latest {@code customers.v1}
 * record of every customer and the latest {@code deals.resolved.v1} record of every deal.
 */
final class ChainTopics implements AutoCloseable {
    private final String tenant;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Customer> customers = new HashMap<>();
    private final Map<String, ResolvedDeal> resolved = new HashMap<>();
    private final AvroSerde<Customer> customerSerde = AvroSerde.of(Customer.class);
    private final AvroSerde<ResolvedDeal> dealSerde = AvroSerde.of(ResolvedDeal.class);

    ChainTopics(String bootstrap, String tenant) {
        this.tenant = tenant;
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-chain-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.CUSTOMERS, Topics.RESOLVED_DEALS));
    }

    /** Reads everything published since the last call. */
    void poll() {
        for (var records = consumer.poll(Duration.ofMillis(500)); !records.isEmpty();
                records = consumer.poll(Duration.ofMillis(200))) {
            for (var record : records) {
                // Keys start with the tenant id (DESIGN.md §4); a tombstone carries no tenant of its own.
                if (record.key() == null || !record.key().startsWith(tenant + "|")) {
                    continue;
                }
                if (record.topic().equals(Topics.CUSTOMERS)) {
                    apply(customers, record.key(), record.value() == null ? null
                            : customerSerde.deserializer().deserialize(record.topic(), record.value()));
                } else {
                    apply(resolved, record.key(), record.value() == null ? null
                            : dealSerde.deserializer().deserialize(record.topic(), record.value()));
                }
            }
        }
    }

    private static <V> void apply(Map<String, V> latest, String key, V value) {
        if (value == null) {
            latest.remove(key);
        } else {
            latest.put(key, value);
        }
    }

    /** The live customer with a source link to the CRM record, or null. */
    String customerOf(String entityType, String externalId) {
        for (var customer : customers.values()) {
            if (customer.getOp() == Op.DELETE || customer.getMergedIntoCustomerId() != null) {
                continue;
            }
            for (var link : customer.getSourceLinks()) {
                if (link.getEntityType().name().equals(entityType) && link.getExternalId().equals(externalId)) {
                    return customer.getCustomerId();
                }
            }
        }
        return null;
    }

    /** The customer a deal was resolved to, or null while it is pending (or deleted). */
    String resolvedCustomer(String dealExternalId) {
        for (var deal : resolved.values()) {
            if (deal.getDeal().getExternalId().equals(dealExternalId) && deal.getDeal().getOp() != Op.DELETE) {
                return deal.getCustomerId();
            }
        }
        return null;
    }

    int customerCount() {
        return (int) customers.values().stream()
                .filter(customer -> customer.getOp() != Op.DELETE && customer.getMergedIntoCustomerId() == null).count();
    }

    int resolvedCount() {
        return resolved.size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

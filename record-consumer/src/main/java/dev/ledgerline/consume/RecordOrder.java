package dev.ledgerline.consume;

import dev.ledgerline.schemas.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The order in which a polled batch is processed. Every input topic is partitioned by tenant with the same partition
 * count, and the range assignor gives one consumer the same partition number of every topic, so a tenant's records
 * of all its input topics reach one thread. Within a partition number the topics are interleaved by record timestamp
 * (on a tie in the order of the pipeline: settings first, then what others refer to before what refers to it),
 * each topic-partition staying in offset order: a payment published after its invoice, or a deal after its contact,
 * is then mostly seen after it. The services do not depend on it (a payment that comes first waits for its invoice,
 * a deal for its contact), they only hold fewer records waiting.
 */
final class RecordOrder {
    private static final List<String> TIE_ORDER = List.of(Topics.TENANTS, Topics.CONNECTIONS, Topics.ACCOUNTS,
            Topics.CONTACTS, Topics.LEADS, Topics.PRODUCTS, Topics.DEALS, Topics.CUSTOMERS, Topics.CATALOG_ITEMS,
            Topics.RESOLVED_DEALS, Topics.INVOICES, Topics.PAYMENTS);

    private RecordOrder() {
    }

    static List<ConsumerRecord<byte[], byte[]>> of(ConsumerRecords<byte[], byte[]> batch) {
        Map<Integer, List<List<ConsumerRecord<byte[], byte[]>>>> byPartition = new TreeMap<>();
        for (TopicPartition partition : batch.partitions()) {
            byPartition.computeIfAbsent(partition.partition(), number -> new ArrayList<>()).add(batch.records(partition));
        }
        List<ConsumerRecord<byte[], byte[]>> ordered = new ArrayList<>(batch.count());
        byPartition.values().forEach(streams -> merge(streams, ordered));
        return ordered;
    }

    /**
     * The batch in this order, cut into chunks of at most {@code size} records of one partition number each (the
     * records one transaction applies together).
     */
    static List<List<ConsumerRecord<byte[], byte[]>>> chunks(ConsumerRecords<byte[], byte[]> batch, int size) {
        List<List<ConsumerRecord<byte[], byte[]>>> chunks = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> chunk = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : of(batch)) {
            if (chunk.size() == size || !chunk.isEmpty() && chunk.get(0).partition() != record.partition()) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
            chunk.add(record);
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static void merge(List<List<ConsumerRecord<byte[], byte[]>>> streams,
            List<ConsumerRecord<byte[], byte[]>> out) {
        record Head(List<ConsumerRecord<byte[], byte[]>> stream, int index) {
            ConsumerRecord<byte[], byte[]> record() {
                return stream.get(index);
            }
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator
                .comparingLong((Head head) -> head.record().timestamp())
                .thenComparingInt(head -> rank(head.record().topic())));
        streams.stream().filter(stream -> !stream.isEmpty()).forEach(stream -> heads.add(new Head(stream, 0)));
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            out.add(head.record());
            if (head.index() + 1 < head.stream().size()) {
                heads.add(new Head(head.stream(), head.index() + 1));
            }
        }
    }

    private static int rank(String topic) {
        int rank = TIE_ORDER.indexOf(topic);
        return rank < 0 ? TIE_ORDER.size() : rank;
    }
}

package dev.ledgerline.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordOrderTest {

    @Test
    void aPartitionsTopicsAreInterleavedByTimeWithSettingsFirstOnATieAndOffsetsKept() {
        var batch = new ConsumerRecords<>(Map.of(
                new TopicPartition(Topics.PAYMENTS, 2), List.of(record(Topics.PAYMENTS, 2, 0, 100), record(Topics.PAYMENTS, 2, 1, 300)),
                new TopicPartition(Topics.INVOICES, 2), List.of(record(Topics.INVOICES, 2, 0, 100), record(Topics.INVOICES, 2, 1, 200)),
                new TopicPartition(Topics.CONNECTIONS, 2), List.of(record(Topics.CONNECTIONS, 2, 0, 100)),
                new TopicPartition(Topics.INVOICES, 0), List.of(record(Topics.INVOICES, 0, 0, 900))), Map.of());

        List<String> order = RecordOrder.of(batch).stream()
                .map(r -> r.topic() + "-" + r.partition() + "@" + r.offset()).toList();

        assertThat(order).containsExactly("crm.invoices.v1-0@0", "crm.connections.v1-2@0", "crm.invoices.v1-2@0",
                "crm.payments.v1-2@0", "crm.invoices.v1-2@1", "crm.payments.v1-2@1");
    }

    @Test
    void anEarlierTimestampLaterInAPartitionDoesNotOvertakeItsPredecessors() {
        var batch = new ConsumerRecords<>(Map.of(
                new TopicPartition(Topics.INVOICES, 1), List.of(record(Topics.INVOICES, 1, 0, 500), record(Topics.INVOICES, 1, 1, 50)),
                new TopicPartition(Topics.PAYMENTS, 1), List.of(record(Topics.PAYMENTS, 1, 0, 400))), Map.of());

        assertThat(RecordOrder.of(batch)).extracting(r -> r.topic() + "@" + r.offset())
                .containsExactly("crm.payments.v1@0", "crm.invoices.v1@0", "crm.invoices.v1@1");
    }

    @Test
    void chunksKeepTheOrderAndHoldOnePartitionNumberAndAtMostTheirSize() {
        var batch = new ConsumerRecords<>(Map.of(
                new TopicPartition(Topics.CONTACTS, 0), List.of(record(Topics.CONTACTS, 0, 0, 100), record(Topics.CONTACTS, 0, 1, 200),
                        record(Topics.CONTACTS, 0, 2, 300)),
                new TopicPartition(Topics.DEALS, 0), List.of(record(Topics.DEALS, 0, 0, 250)),
                new TopicPartition(Topics.CONTACTS, 1), List.of(record(Topics.CONTACTS, 1, 0, 50))), Map.of());

        List<List<String>> chunks = RecordOrder.chunks(batch, 3).stream()
                .map(chunk -> chunk.stream().map(r -> r.topic() + "-" + r.partition() + "@" + r.offset()).toList())
                .toList();

        assertThat(chunks).containsExactly(
                List.of("crm.contacts.v1-0@0", "crm.contacts.v1-0@1", "crm.deals.v1-0@0"),
                List.of("crm.contacts.v1-0@2"),
                List.of("crm.contacts.v1-1@0"));
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, long timestamp) {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, 0, 1, new byte[0],
                new byte[] {1}, new RecordHeaders(), Optional.empty());
    }
}

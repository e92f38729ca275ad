package dev.ledgerline.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The processed-event log: one row per input record content (topic, key and value bytes hashed), written in the
 * transaction that applied it. A redelivered record (a rebalance, a crash before the offset commit) or the same
 * record published again finds its row and changes nothing. The service's own migration creates the table (DDL in
 * the module README); column names are explicit so that any naming strategy maps them.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEventEntity {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "topic")
    public String topic;
    @Column(name = "partition_no")
    public int partitionNo;
    @Column(name = "record_offset")
    public long recordOffset;
    @Enumerated(EnumType.STRING)
    @Column(name = "outcome")
    public Outcome outcome;
    @Column(name = "processed_at")
    public Instant processedAt;
}

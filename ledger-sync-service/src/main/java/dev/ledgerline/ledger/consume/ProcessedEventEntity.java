package dev.ledgerline.ledger.consume;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
 * record published again finds its row and changes nothing.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEventEntity extends PanacheEntityBase {
    @Id
    public String eventId;
    public String topic;
    public int partitionNo;
    public long recordOffset;
    @Enumerated(EnumType.STRING)
    @Column(name = "outcome")
    public Outcome outcome;
    public Instant processedAt;
}

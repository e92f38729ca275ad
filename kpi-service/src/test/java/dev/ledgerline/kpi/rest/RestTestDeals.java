package dev.ledgerline.kpi.rest;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.TenantPartitioner;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Deals in EUR and owners as the REST tests put them on the embedded broker. */
final class RestTestDeals {
    private RestTestDeals() {
    }

    static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all");
    }

    /** Settings of a tenant in EUR and Europe/Berlin whose fiscal year starts in {@code fiscalYearStartMonth}. */
    static void sendSettings(String bootstrapServers, String tenant, int fiscalYearStartMonth) throws Exception {
        var settings = TenantSettings.newBuilder().setTenantId(tenant).setHomeCurrency("EUR")
                .setTimeZone("Europe/Berlin").setFiscalYearStartMonth(fiscalYearStartMonth)
                .setUpdatedAt(Instant.EPOCH).build();
        try (var producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(),
                AvroSerde.of(TenantSettings.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.TENANTS, tenant, settings)).get();
        }
    }

    /** The tenant's owner {@link #owner}. */
    static void sendOwner(String bootstrapServers, String tenant, String id, String name) throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(),
                AvroSerde.of(Owner.class).serializer())) {
            send(producer, owner(tenant, id, name));
        }
    }

    static void send(KafkaProducer<String, Deal> producer, Deal deal) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEALS,
                Keys.of(deal.getTenantId(), deal.getSource().name(), deal.getExternalId()), deal)).get();
    }

    static void send(KafkaProducer<String, Owner> producer, Owner owner) throws Exception {
        producer.send(new ProducerRecord<>(Topics.OWNERS,
                Keys.of(owner.getTenantId(), owner.getSource().name(), owner.getExternalId()), owner)).get();
    }

    /** An active HubSpot owner with a full name and an email derived from its id. */
    static Owner owner(String tenant, String id, String name) {
        var now = Instant.now();
        return Owner.newBuilder()
                .setTenantId(tenant).setConnectionId("conn-1").setSource(CrmSource.HUBSPOT).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(now).setSyncedAt(now)
                .setName(name).setEmail(id + "@example.com").setActive(true)
                .build();
    }

    /** A deal last changed when it closed (or, while open, when it was created); {@code pipeline} may be null. */
    static Deal deal(String tenant, String id, String owner, String pipeline, String createdAt, StageCategory stage,
            String closedAt, String amount, Double probability) {
        var created = Instant.parse(createdAt);
        var closed = closedAt == null ? null : Instant.parse(closedAt);
        var updated = closed != null ? closed : created;
        return Deal.newBuilder()
                .setTenantId(tenant).setConnectionId("conn-1").setSource(CrmSource.HUBSPOT).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(updated).setSyncedAt(updated.plusMillis(250))
                .setName("deal " + id)
                .setAmount(new Money(new BigDecimal(amount).setScale(4), "EUR"))
                .setStageCategory(stage).setCreatedAt(created).setClosedAt(closed).setOwnerId(owner)
                .setPipelineId(pipeline).setProbability(probability)
                .build();
    }
}

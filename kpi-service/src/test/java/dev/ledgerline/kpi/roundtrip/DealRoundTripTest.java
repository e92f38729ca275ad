package dev.ledgerline.kpi.roundtrip;

import dev.ledgerline.kpi.compute.DealState;
import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.Slice;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.kpi.compute.WireMapping;
import dev.ledgerline.kpi.topology.KpiBooks;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.kpi.topology.KpiTopology;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.TenantPartitioner;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.LineItem;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A Deal written with AvroSerde to the real crm.deals.v1 topic reads back equal through a SmallRye Kafka channel
 * and through the Kafka Streams topology, whose stream threads decode it under Quarkus' class loaders.
 */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
@TestProfile(DealRoundTripProfile.class)
class DealRoundTripTest {

    @Inject
    DealChannelProbe channel;

    @Inject
    KafkaStreams streams;

    @Inject
    KpiBooks books;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aDealReadsBackEqualThroughAChannelAndThroughTheTopology() throws Exception {
        var deal = sampleDeal("deal-" + UUID.randomUUID());
        var key = Keys.of(deal.getTenantId(), deal.getSource().name(), deal.getExternalId());

        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                AvroSerde.of(Deal.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.DEALS, key, deal)).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(channel.received())
                .filteredOn(received -> received.getExternalId().equals(deal.getExternalId()))
                .containsExactly(deal));
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> assertThat(dealStates().get(key).latest())
                        .isEqualTo(WireMapping.dealVersion(deal)));
        // The won deal (closed a day ago) counts in the tenant's 7-day won count, as the books say.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(books.read(
                deal.getTenantId(),
                state -> state.evaluate(Slice.ALL, Window.P7D, LocalDate.now(ZoneOffset.UTC))
                        .get(KpiId.DEALS_WON_COUNT).value()))
                .hasValueSatisfying(won -> assertThat(won).isGreaterThanOrEqualTo(BigDecimal.ONE)));
    }

    private ReadOnlyKeyValueStore<String, DealState> dealStates() {
        return streams.store(StoreQueryParameters.fromNameAndType(
                KpiTopology.DEAL_STATES_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class.getName(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
    }

    private static Deal sampleDeal(String externalId) {
        var created = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(41));
        var updated = created.plus(Duration.ofDays(40));
        return Deal.newBuilder()
                .setTenantId("nordwind-ab").setConnectionId("conn-hubspot-1").setSource(CrmSource.HUBSPOT)
                .setExternalId(externalId).setOp(Op.UPSERT).setSourceUpdatedAt(updated)
                .setSyncedAt(updated.plusMillis(840))
                .setName("Jörðin Ålesund – fleet renewal")
                .setAmount(new Money(new BigDecimal("48250.1250"), "SEK"))
                .setAmountInHomeCurrency(new Money(new BigDecimal("4217.3300"), "EUR"))
                .setPipelineId("default").setPipelineLabel("Sales Pipeline")
                .setStageId("closedwon").setStageLabel("Closed Won").setStageCategory(StageCategory.WON)
                .setProbability(1.0).setCreatedAt(created).setClosedAt(updated)
                .setExpectedCloseDate(LocalDate.of(2026, 11, 30)).setOwnerId("owner-77")
                .setLeadSource("ORGANIC_SEARCH").setContactIds(List.of("c-1", "c-2"))
                .setPrimaryContactId("c-1").setAccountId("acct-9")
                .setLineItems(List.of(LineItem.newBuilder().setName("Telematics seat").setProductId("p-12")
                        .setQuantity(new BigDecimal("12.0000"))
                        .setUnitPrice(new Money(new BigDecimal("4020.8438"), "SEK")).build()))
                .build();
    }
}

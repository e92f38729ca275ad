package dev.ledgerline.kpi.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LatestDealStoreTest {
    private static final String KEY = Keys.of("acme", "HUBSPOT", "9001");
    private static final Instant T0 = Instant.parse("2026-03-02T10:15:30Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, Deal> deals;
    private KeyValueStore<String, Deal> latest;

    @BeforeEach
    void startTopology() {
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-topology-test");
        driver = new TopologyTestDriver(KpiTopology.build(), config);
        deals = driver.createInputTopic(Topics.DEALS, new StringSerializer(), AvroSerde.of(Deal.class).serializer());
        latest = driver.getKeyValueStore(KpiTopology.DEALS_LATEST_STORE);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void keepsTheNewestVersionOfADeal() {
        var open = deal(StageCategory.OPEN, "1000.0000", T0);
        var won = deal(StageCategory.WON, "1250.5000", T0.plusSeconds(60));
        deals.pipeInput(KEY, open, T0);
        deals.pipeInput(KEY, won, T0.plusSeconds(61));

        assertThat(latest.get(KEY)).isEqualTo(won);
    }

    @Test
    void ignoresAnOlderVersionArrivingLate() {
        var won = deal(StageCategory.WON, "1250.5000", T0.plusSeconds(60));
        var staleOpen = deal(StageCategory.OPEN, "1000.0000", T0);
        deals.pipeInput(KEY, won, T0.plusSeconds(61));
        deals.pipeInput(KEY, staleOpen, T0.plusSeconds(62));

        assertThat(latest.get(KEY)).isEqualTo(won);
    }

    @Test
    void aDeleteOrATombstoneRemovesTheDeal() {
        deals.pipeInput(KEY, deal(StageCategory.OPEN, "10.0000", T0), T0);
        var deleted = Deal.newBuilder(deal(StageCategory.OPEN, "10.0000", T0.plusSeconds(5))).setOp(Op.DELETE).build();
        deals.pipeInput(KEY, deleted, T0.plusSeconds(5));
        assertThat(latest.get(KEY)).isNull();

        deals.pipeInput(KEY, deal(StageCategory.OPEN, "10.0000", T0.plusSeconds(9)), T0.plusSeconds(9));
        deals.pipeInput(KEY, null, T0.plusSeconds(10));
        assertThat(latest.get(KEY)).isNull();
    }

    private static Deal deal(StageCategory stage, String amount, Instant updatedAt) {
        return Deal.newBuilder()
                .setTenantId("acme").setConnectionId("conn-1").setSource(CrmSource.HUBSPOT).setExternalId("9001")
                .setOp(Op.UPSERT).setSourceUpdatedAt(updatedAt).setSyncedAt(updatedAt.plusMillis(250))
                .setName("Renewal 2026").setAmount(new Money(new BigDecimal(amount), "EUR"))
                .setStageCategory(stage).setCreatedAt(T0.minusSeconds(86_400))
                .setClosedAt(stage == StageCategory.OPEN ? null : updatedAt)
                .build();
    }
}

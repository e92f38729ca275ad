package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.ResolvedDeal;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** AvroSerde and TenantStreamPartitioner plugged into a Kafka Streams topology as the services will use them. */
class KafkaStreamsSerdeTest {

    @Test
    void aTopologyReadsAndWritesWireRecords() {
        AvroSerde<Deal> deals = AvroSerde.of(Deal.class);
        AvroSerde<ResolvedDeal> resolved = AvroSerde.of(ResolvedDeal.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.DEALS, Consumed.with(Serdes.String(), deals))
                .mapValues(deal -> deal == null ? null
                        : new ResolvedDeal(deal.getTenantId(), "cust-0001", deal, deal.getSyncedAt()))
                .to(Topics.RESOLVED_DEALS, Produced.with(Serdes.String(), resolved)
                        .withStreamPartitioner(new TenantStreamPartitioner<>()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "schemas-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, Deal> in =
                    driver.createInputTopic(Topics.DEALS, Serdes.String().serializer(), deals.serializer());
            TestOutputTopic<String, ResolvedDeal> out =
                    driver.createOutputTopic(Topics.RESOLVED_DEALS, Serdes.String().deserializer(), resolved.deserializer());
            Deal deal = WireSamples.deal(5);
            String key = Keys.of(deal.getTenantId(), deal.getSource().name(), deal.getExternalId());

            in.pipeInput(key, deal);
            in.pipeInput(key, null);

            assertThat(out.readKeyValue().value.getDeal()).isEqualTo(deal);
            assertThat(out.readKeyValue().value).as("tombstone").isNull();
        }
    }
}

package dev.ledgerline.kpi.roundtrip;

import dev.ledgerline.schemas.AvroConfig;
import dev.ledgerline.schemas.AvroDeserializer;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Deal;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Turns on {@link DealChannelProbe} and configures its channel the way a service would in application.properties. */
public class DealRoundTripProfile implements QuarkusTestProfile {
    static final String ENABLED = "ledgerline.test.deal-channel-probe";
    static final String CHANNEL = "deal-probe";

    @Override
    public Map<String, String> getConfigOverrides() {
        var channel = "mp.messaging.incoming." + CHANNEL + ".";
        return Map.of(
                ENABLED, "true",
                channel + "connector", "smallrye-kafka",
                channel + "topic", Topics.DEALS,
                channel + "group.id", "deal-channel-probe",
                channel + "auto.offset.reset", "earliest",
                channel + "value.deserializer", AvroDeserializer.class.getName(),
                channel + AvroConfig.VALUE_TYPE, Deal.class.getName());
    }
}

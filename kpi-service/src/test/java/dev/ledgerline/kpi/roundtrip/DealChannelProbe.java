package dev.ledgerline.kpi.roundtrip;

import dev.ledgerline.wire.Deal;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A SmallRye Kafka channel on crm.deals.v1 that keeps what it receives; enabled only by {@link DealRoundTripProfile}. */
@ApplicationScoped
@IfBuildProperty(name = DealRoundTripProfile.ENABLED, stringValue = "true")
public class DealChannelProbe {
    private final List<Deal> received = new CopyOnWriteArrayList<>();

    @Incoming(DealRoundTripProfile.CHANNEL)
    void receive(Deal deal) {
        received.add(deal);
    }

    List<Deal> received() {
        return received;
    }
}

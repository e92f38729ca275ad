package dev.ledgerline.kpi;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.ServiceBootContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service boots against real embedded Kafka and reports ready. */
@QuarkusTest
@QuarkusTestResource(DevstackResource.class)
class KpiServiceBootTest extends ServiceBootContract {

    KpiServiceBootTest() {
        super("kpi-service", KAFKA_STREAMS_TOPICS_CHECK);
    }
}

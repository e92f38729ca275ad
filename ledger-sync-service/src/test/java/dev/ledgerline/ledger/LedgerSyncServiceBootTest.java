package dev.ledgerline.ledger;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.consume.ConsumerReadiness;
import dev.ledgerline.devstack.ServiceBootContract;
import dev.ledgerline.outbox.OutboxReadinessCheck;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The service boots against real embedded Kafka and PostgreSQL and reports ready. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerSyncServiceBootTest extends ServiceBootContract {

    LedgerSyncServiceBootTest() {
        super("ledger-sync-service", DATABASE_CHECK, KAFKA_CHECK, ConsumerReadiness.NAME, OutboxReadinessCheck.NAME);
    }
}

package dev.ledgerline.connector.benchmark;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SalesforceFullSync} through Bulk API 2.0 query jobs, as the service's default threshold chooses. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class SalesforceBulkFullSyncBenchmark {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }


    @Test
    void fullSyncThroughBulkApiJobs() throws Exception {
        SalesforceFullSync.run("bulk");
    }
}

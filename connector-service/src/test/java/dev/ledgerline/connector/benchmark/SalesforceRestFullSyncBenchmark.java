package dev.ledgerline.connector.benchmark;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SalesforceFullSync} through REST {@code queryAll} pages: the bulk threshold is above the org's size. */
@QuarkusTest
@TestProfile(SalesforceRestFullSyncBenchmark.RestOnly.class)
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "connector"))
class SalesforceRestFullSyncBenchmark {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }


    public static final class RestOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledgerline.salesforce.bulk-threshold", "1000000000");
        }
    }

    @Test
    void fullSyncThroughRestPaging() throws Exception {
        SalesforceFullSync.run("rest");
    }
}

package dev.ledgerline.merge;

import dev.ledgerline.devstack.ApiSecurityContract;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Customers and the review queue: viewers read, reviewers decide; see {@link ApiSecurityContract}. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class,
        initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "merge"))
class MergeApiSecurityTest extends ApiSecurityContract {

    /** Every write of merge-service is a review decision. */
    MergeApiSecurityTest() {
        super("viewer", "reviewer");
    }
}

package dev.ledgerline.ledger.security;

import dev.ledgerline.devstack.ApiSecurityContract;
import dev.ledgerline.devstack.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Viewers read the ledger and its reports; the QuickBooks Online adapter is an admin's. See {@link ApiSecurityContract}. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class,
        initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerApiSecurityTest extends ApiSecurityContract {

    LedgerApiSecurityTest() {
        super("viewer", "admin");
    }

    @Override
    protected String requiredRole(Operation operation) {
        return operation.template().contains("/quickbooks/") || operation.template().endsWith("/quickbooks")
                ? "admin" : super.requiredRole(operation);
    }
}

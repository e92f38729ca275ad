package dev.ledgerline.merge.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Serialises a tenant's changes across instances: a transaction-scoped PostgreSQL advisory lock on the tenant, taken
 * first by every record the consumer applies and by every REST decision. The consumer of a tenant's partition and a
 * reviewer's decision on any instance then never interleave; the lock ends with the transaction.
 */
@ApplicationScoped
public class TenantLock {
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transaction;

    TenantLock(DataSource dataSource, TransactionSynchronizationRegistry transaction) {
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /**
     * Waits for the tenant's lock; must run inside the transaction it protects. A transaction that holds it already
     * (several records of the tenant applied together) does not ask the database again.
     */
    public void lock(String tenantId) {
        String held = TenantLock.class.getName() + "|" + tenantId;
        if (transaction.getResource(held) != null) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select pg_advisory_xact_lock(hashtextextended(?, 7203))")) {
            statement.setString(1, tenantId);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock tenant " + tenantId, e);
        }
        transaction.putResource(held, Boolean.TRUE);
    }
}

package dev.ledgerline.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void anUnreachableDatabaseOrBrokerIsTransientWhereverItIsWrapped() {
        assertThat(Faults.isTransient(new IllegalStateException(new SQLTransientConnectionException("pool empty")))).isTrue();
        assertThat(Faults.isTransient(new RuntimeException(new SQLException("connection refused", "08001")))).isTrue();
        assertThat(Faults.isTransient(new RuntimeException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(Faults.isTransient(new IllegalStateException("dead letter", new TimeoutException("no ack")))).isTrue();
    }

    @Test
    void aRefusedStatementOrABugIsNot() {
        assertThat(Faults.isTransient(new RuntimeException(new SQLException("value too long", "22001")))).isFalse();
        assertThat(Faults.isTransient(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Faults.isTransient(new NullPointerException())).isFalse();
    }
}

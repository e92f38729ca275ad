package dev.ledgerline.consume;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Which failures are transient: the database or the broker cannot be reached right now. Those are retried without
 * limit (a database restart must not send every record of the meantime to the dead-letter topic); others, such as a
 * conflict with another instance, a bit of data the code does not handle, or a constraint the database refused,
 * are retried a few times and then dead-lettered.
 */
final class Faults {
    private Faults() {
    }

    static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof RetriableException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P: the server is shutting down or restarting.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}

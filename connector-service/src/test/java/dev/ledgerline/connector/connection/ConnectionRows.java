package dev.ledgerline.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import java.sql.DriverManager;
import java.util.UUID;

/** What the crm_connection table holds, read directly: tests check secrets where they are stored. */
public final class ConnectionRows {
    private ConnectionRows() {
    }

    /** A column of the connection's row. */
    public static Object column(String id, String column) throws Exception {
        try (var db = DriverManager.getConnection(DevstackResource.jdbcUrl("connector"), "postgres", "postgres");
                var query = db.prepareStatement("select " + column + " from crm_connection where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getObject(1);
            }
        }
    }
}

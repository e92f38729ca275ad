package dev.ledgerline.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;

/**
 * What a test reads of a consuming service's database directly: its processed-event log (to wait until what
 * {@link TopicInput} sent is processed) and rows for what only the database shows. Parameters are bound as given, a
 * {@code String[]} as a varchar array.
 */
public class ServiceDatabase {
    private final DataSource dataSource;

    public ServiceDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits (generously: the machine is shared) until every event is in the processed-event log. */
    public void awaitProcessed(Collection<String> eventIds) {
        awaitProcessed(eventIds, Duration.ofSeconds(120), Duration.ofMillis(100));
    }

    public void awaitProcessed(Collection<String> eventIds, Duration atMost, Duration pollInterval) {
        String[] distinct = eventIds.stream().distinct().toArray(String[]::new);
        Awaitility.await().atMost(atMost).pollInterval(pollInterval)
                .until(() -> count("select count(*) from processed_event where event_id = any(?)",
                        (Object) distinct) == distinct.length);
    }

    /** The outcome the consumer logged for an event. */
    public String outcome(String eventId) {
        return (String) rows("select outcome from processed_event where event_id = ?", eventId).get(0).get("outcome");
    }

    public long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("varchar", array));
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

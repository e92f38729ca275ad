package dev.ledgerline.merge;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the integration tests: a tenant of its own per test, records published on the real input topics, the
 * outputs read back from the real output topics, and the database for what only it shows.
 */
public abstract class MergeTestSupport {
    protected static final String HUBSPOT = "conn-hubspot";
    protected static final String SALESFORCE = "conn-salesforce";

    @Inject
    DataSource dataSource;

    protected String tenant;
    protected MergeInput input;
    protected MergeOutput output;

    @BeforeEach
    void newTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        input = new MergeInput();
        output = new MergeOutput(tenant);
    }

    @AfterEach
    void close() {
        input.close();
        output.close();
    }

    /** Publishes the records in order and waits until merge-service has processed every one. */
    protected void publish(MergeWire.Input... records) {
        publish(List.of(records));
    }

    protected void publish(List<MergeWire.Input> records) {
        records.forEach(input::send);
        awaitProcessed(input.eventIds());
    }

    protected void awaitProcessed(List<String> eventIds) {
        awaitProcessed(eventIds, Duration.ofSeconds(120), Duration.ofMillis(100));
    }

    protected void awaitProcessed(List<String> eventIds, Duration atMost, Duration pollInterval) {
        String[] distinct = eventIds.stream().distinct().toArray(String[]::new);
        Awaitility.await().atMost(atMost).pollInterval(pollInterval)
                .until(() -> count("select count(*) from processed_event where event_id = any(?)",
                        (Object) distinct) == distinct.length);
    }

    protected long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    protected List<Map<String, Object>> rows(String sql, Object... parameters) {
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

    /** Open review items of the tenant: reason per source record id. */
    protected Map<String, String> openReviews() {
        Map<String, String> open = new LinkedHashMap<>();
        rows("""
                select r.external_id, i.reason from review_item i join crm_record r on r.id = i.crm_record_id
                 where i.tenant_id = ? and i.state = 'OPEN' order by r.external_id""", tenant)
                .forEach(row -> open.put((String) row.get("external_id"), (String) row.get("reason")));
        return open;
    }
}

package dev.ledgerline.merge;

import dev.ledgerline.devstack.ServiceDatabase;
import dev.ledgerline.devstack.TopicInput;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
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
    protected ServiceDatabase db;
    protected TopicInput input;
    protected MergeOutput output;

    @BeforeEach
    void newTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        db = new ServiceDatabase(dataSource);
        input = new TopicInput();
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
        db.awaitProcessed(eventIds);
    }

    protected void awaitProcessed(List<String> eventIds, Duration atMost, Duration pollInterval) {
        db.awaitProcessed(eventIds, atMost, pollInterval);
    }

    protected long count(String sql, Object... parameters) {
        return db.count(sql, parameters);
    }

    protected List<Map<String, Object>> rows(String sql, Object... parameters) {
        return db.rows(sql, parameters);
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

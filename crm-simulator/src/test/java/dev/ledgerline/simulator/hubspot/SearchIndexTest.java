package dev.ledgerline.simulator.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerline.simulator.company.CompanySize;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search as HubSpot indexes it: late, and never past 10,000 results of one query. */
class SearchIndexTest {

    @Test
    void pagingThroughOneQueryStopsWithA400AtTenThousandResults() {
        try (Portal portal = Portal.unlimited(11, new CompanySize(300, 6500, 0))) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", 200);
            query.put("sorts", List.of(Map.of("propertyName", "hs_lastmodifieddate", "direction", "ASCENDING")));
            Portal.Answer page = portal.post("/crm/v3/objects/line_items/search", query);
            int total = page.json().path("total").asInt();
            assertThat(total).as("enough line items to reach the cap").isGreaterThan(10_000);
            int read = 0;
            while (page.status() == 200) {
                read += page.json().path("results").size();
                String after = page.json().path("paging").path("next").path("after").asText(null);
                assertThat(after).as("more than 10,000 results announce a next page").isNotNull();
                query.put("after", after);
                page = portal.post("/crm/v3/objects/line_items/search", query);
            }
            assertThat(read).isEqualTo(10_000);
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.json().path("category").asText()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void aChangeShowsUpInSearchOnlyAfterTheIndexLagButAtOnceInReadsById() {
        try (Portal portal = Portal.start(12, new CompanySize(100, 200, 0), 100_000, 100_000, 100_000,
                Duration.ofHours(1))) {
            JsonNode changes = portal.send(HttpRequest.newBuilder(portal.base.resolve("/_simulator/activity?events=40"))
                    .POST(HttpRequest.BodyPublishers.noBody())).json().path("changes");
            List<String> changedDeals = new ArrayList<>();
            changes.forEach(change -> {
                if (change.path("kind").asText().equals("DEAL") && !change.path("type").asText().equals("ARCHIVED")) {
                    changedDeals.add(change.path("id").asText());
                }
            });
            assertThat(changedDeals).isNotEmpty();
            Map<String, Object> recent = Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of(
                    "propertyName", "hs_lastmodifieddate", "operator", "GTE",
                    "value", String.valueOf(System.currentTimeMillis() - 600_000))))), "limit", 200);
            assertThat(portal.post("/crm/v3/objects/deals/search", recent).json().path("total").asInt()).isZero();
            Portal.Answer read = portal.post("/crm/v3/objects/deals/batch/read", Map.of("inputs",
                    changedDeals.stream().distinct().map(id -> Map.of("id", id)).toList()));
            assertThat(read.json().path("results").size()).isEqualTo(changedDeals.stream().distinct().count());
        }
    }
}

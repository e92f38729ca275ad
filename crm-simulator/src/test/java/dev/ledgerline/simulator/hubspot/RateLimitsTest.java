package dev.ledgerline.simulator.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.simulator.company.CompanySize;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HubSpot's budgets: per second and per rolling ten seconds per credential, search on its own; 429s as HubSpot's. */
class RateLimitsTest {

    @Test
    void theSecondlyBudgetRefusesTheRequestOverItAndFreesASecondLater() {
        RateLimits limits = new RateLimits(new RateLimits.Limits(100, 3, 5));
        for (int i = 0; i < 3; i++) {
            RateLimits.Outcome admitted = limits.call("app", 1_000 + i);
            assertThat(admitted.admitted()).isTrue();
            assertThat(admitted.headers()).containsEntry("X-HubSpot-RateLimit-Secondly-Remaining",
                    String.valueOf(2 - i)).containsEntry("X-HubSpot-RateLimit-Remaining", String.valueOf(99 - i));
        }
        RateLimits.Outcome refused = limits.call("app", 1_500);
        assertThat(refused.refusedBy()).isEqualTo(RateLimits.SECONDLY);
        assertThat(refused.headers()).containsEntry("X-HubSpot-RateLimit-Secondly-Remaining", "0")
                .containsEntry("X-HubSpot-RateLimit-Max", "100")
                .containsEntry("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        assertThat(limits.call("someone-else", 1_500).admitted()).as("another credential's budget").isTrue();
        assertThat(limits.call("app", 2_000).admitted()).as("the first request left the second").isTrue();
    }

    @Test
    void theTenSecondBudgetRollsAndRefusedRequestsCountAgainstNothing() {
        RateLimits limits = new RateLimits(new RateLimits.Limits(5, 100, 5));
        for (int i = 0; i < 5; i++) {
            assertThat(limits.call("app", i * 1_000L).admitted()).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(limits.call("app", 5_000 + i).refusedBy()).isEqualTo(RateLimits.TEN_SECONDLY_ROLLING);
        }
        assertThat(limits.call("app", 10_000).admitted()).as("the request of 0 s rolled out").isTrue();
        assertThat(limits.call("app", 10_001).refusedBy()).isEqualTo(RateLimits.TEN_SECONDLY_ROLLING);
        assertThat(limits.call("app", 11_000).admitted()).isTrue();
    }

    @Test
    void searchHasABudgetOfItsOwnAndAnnouncesNothing() {
        RateLimits limits = new RateLimits(new RateLimits.Limits(1, 1, 2));
        assertThat(limits.call("app", 0).admitted()).isTrue();
        assertThat(limits.search("app", 1).admitted()).isTrue();
        assertThat(limits.search("app", 2).admitted()).isTrue();
        RateLimits.Outcome refused = limits.search("app", 3);
        assertThat(refused.refusedBy()).isEqualTo(RateLimits.SECONDLY);
        assertThat(refused.headers()).isEmpty();
    }

    @Test
    void overTheBudgetThePortalAnswers429AsHubSpotDoesWithoutRetryAfter() {
        try (Portal portal = Portal.start(3, new CompanySize(50, 60, 0), 1000, 1, 1, Duration.ZERO)) {
            Portal.Answer answer = null;
            for (int i = 0; i < 20 && (answer == null || answer.status() != 429); i++) {
                answer = portal.get("/crm/v3/objects/contacts?limit=1");
            }
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.json().path("status").asText()).isEqualTo("error");
            assertThat(answer.json().path("message").asText()).isEqualTo("You have reached your secondly limit.");
            assertThat(answer.json().path("category").asText()).isEqualTo("RATE_LIMITS");
            assertThat(answer.json().path("policyName").asText()).isEqualTo("SECONDLY");
            assertThat(answer.header("Retry-After")).isNull();
            assertThat(answer.header("X-HubSpot-RateLimit-Secondly-Remaining")).isEqualTo("0");
        }
    }
}

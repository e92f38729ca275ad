package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.sync.FakeSyncClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.connector.hubspot.HubSpotRateLimiter.Budget;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HubSpotRateLimiterTest {

    private final FakeSyncClock clock = new FakeSyncClock(Instant.parse("2024-07-01T12:00:00Z"));
    private final HubSpotRateLimiter limiter = new HubSpotRateLimiter(clock);

    @Test
    void holdsTheTwelfthRequestOfASecondBack() throws InterruptedException {
        acquire(Budget.STANDARD, 11);
        assertThat(clock.sleeps()).isEmpty();

        limiter.acquire(Budget.STANDARD);

        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(1030));
    }

    @Test
    void keepsToTheTenSecondBudgetHubSpotReports() throws InterruptedException {
        limiter.onResponse(Budget.STANDARD, headers(Map.of(
                "X-HubSpot-RateLimit-Max", "20", "X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
                "X-HubSpot-RateLimit-Remaining", "2")));

        acquire(Budget.STANDARD, 3);

        // 18 used as HubSpot counts them, 2 left: the third request waits for the interval to roll over (+3 %).
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(10300));
    }

    @Test
    void givesSearchItsOwnBudgetOfFivePerSecond() throws InterruptedException {
        acquire(Budget.STANDARD, 11);
        acquire(Budget.SEARCH, 5);
        assertThat(clock.sleeps()).isEmpty();

        limiter.acquire(Budget.SEARCH);

        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(1030));
    }

    private void acquire(Budget budget, int requests) throws InterruptedException {
        for (int i = 0; i < requests; i++) {
            limiter.acquire(budget);
        }
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> List.of(entry.getValue()))), (name, value) -> true);
    }
}

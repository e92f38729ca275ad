package dev.ledgerline.connector.benchmark;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HubSpot portal as the benchmark needs it: it enforces the standard limits (110 requests per rolling 10 s and 11
 * per second) with 429s shaped like HubSpot's — without Retry-After, as HubSpot often sends them — and serves
 * generated deals and contacts from the list endpoints, 100 per page.
 */
final class RateLimitedHubSpot implements ResponseDefinitionTransformerV2 {
    static final int PER_TEN_SECONDS = 110;
    static final int PER_SECOND = 11;
    private static final Pattern OBJECT_LIST = Pattern.compile("/crm/v3/objects/(deals|contacts)(\\?.*)?");
    private static final int PAGE = 100;

    private final int deals;
    private final int contacts;
    private final Deque<Long> lastTenSeconds = new ArrayDeque<>();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();

    RateLimitedHubSpot(int deals, int contacts) {
        this.deals = deals;
        this.contacts = contacts;
    }

    @Override
    public String getName() {
        return "rate-limited-hubspot";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long now = System.currentTimeMillis();
        int remainingTen;
        int remainingSecond;
        synchronized (lastTenSeconds) {
            while (!lastTenSeconds.isEmpty() && lastTenSeconds.peekFirst() <= now - 10_000) {
                lastTenSeconds.pollFirst();
            }
            long inLastSecond = lastTenSeconds.stream().filter(t -> t > now - 1_000).count();
            if (lastTenSeconds.size() >= PER_TEN_SECONDS || inLastSecond >= PER_SECOND) {
                limited.incrementAndGet();
                return new ResponseDefinitionBuilder().withStatus(429)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody("{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
                                + "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"bench\",\"policyName\":\"SECONDLY\","
                                + "\"category\":\"RATE_LIMITS\"}")
                        .build();
            }
            lastTenSeconds.addLast(now);
            remainingTen = PER_TEN_SECONDS - lastTenSeconds.size();
            remainingSecond = (int) (PER_SECOND - inLastSecond - 1);
        }
        served.incrementAndGet();
        Request request = event.getRequest();
        Matcher list = OBJECT_LIST.matcher(request.getUrl());
        ResponseDefinitionBuilder response = list.matches() && "false".equals(request.queryParameter("archived").firstValue())
                ? new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(page(list.group(1), request))
                : ResponseDefinitionBuilder.like(event.getResponseDefinition());
        return response
                .withHeader("X-HubSpot-RateLimit-Max", Integer.toString(PER_TEN_SECONDS))
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withHeader("X-HubSpot-RateLimit-Remaining", Integer.toString(remainingTen))
                .withHeader("X-HubSpot-RateLimit-Secondly", Integer.toString(PER_SECOND))
                .withHeader("X-HubSpot-RateLimit-Secondly-Remaining", Integer.toString(Math.max(remainingSecond, 0)))
                .build();
    }

    long served() {
        return served.get();
    }

    long limited() {
        return limited.get();
    }

    private String page(String type, Request request) {
        int total = type.equals("deals") ? deals : contacts;
        int from = request.queryParameter("after").isPresent()
                ? Integer.parseInt(request.queryParameter("after").firstValue()) : 0;
        int to = Math.min(from + PAGE, total);
        StringBuilder json = new StringBuilder(32_768).append("{\"results\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                json.append(',');
            }
            json.append(type.equals("deals") ? deal(i) : contact(i));
        }
        json.append(']');
        if (to < total) {
            json.append(",\"paging\":{\"next\":{\"after\":\"").append(to).append("\"}}");
        }
        return json.append('}').toString();
    }

    private static String deal(int i) {
        String id = Integer.toString(1_000_000 + i);
        Instant created = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 37L);
        boolean won = i % 3 == 0;
        return "{\"id\":\"" + id + "\",\"properties\":{\"dealname\":\"Deal " + i + "\",\"amount\":\"" + (1000 + i % 9000)
                + ".25\",\"deal_currency_code\":\"EUR\",\"pipeline\":\"default\",\"dealstage\":\""
                + (won ? "closedwon" : "qualifiedtobuy") + "\",\"createdate\":\"" + created + "\",\"closedate\":\""
                + created.plusSeconds(86_400 * 20) + "\",\"hs_lastmodifieddate\":\"" + created.plusSeconds(86_400 * 21)
                + "\",\"hubspot_owner_id\":\"" + (41629780 + i % 20) + "\",\"hs_object_id\":\"" + id + "\"},"
                + "\"createdAt\":\"" + created + "\",\"updatedAt\":\"" + created.plusSeconds(86_400 * 21)
                + "\",\"archived\":false}";
    }

    private static String contact(int i) {
        String id = Integer.toString(5_000_000 + i);
        Instant created = Instant.parse("2024-06-01T00:00:00Z").plusSeconds(i * 53L);
        return "{\"id\":\"" + id + "\",\"properties\":{\"firstname\":\"Zoë\",\"lastname\":\"Contact " + i
                + "\",\"email\":\"contact" + i + "@example.org\",\"createdate\":\"" + created
                + "\",\"lastmodifieddate\":\"" + created.plusSeconds(3_600) + "\",\"hs_object_id\":\"" + id + "\"},"
                + "\"createdAt\":\"" + created + "\",\"updatedAt\":\"" + created.plusSeconds(3_600)
                + "\",\"archived\":false}";
    }
}

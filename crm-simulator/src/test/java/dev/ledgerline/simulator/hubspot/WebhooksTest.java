package dev.ledgerline.simulator.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerline.simulator.company.CompanySize;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app's webhooks: what the activity changes arrives as HubSpot event batches at the target, signed with the
 * client secret (checked here with an HMAC of our own over method, URL, body and timestamp), retried when refused.
 */
class WebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery as the receiver saw it. */
    private record Delivery(String body, String signature, String timestamp) {
    }

    private HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private Portal portal;
    private String target;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/webhooks/hubspot/c-1", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean refuse = refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            if (!refuse) {
                deliveries.add(new Delivery(new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-HubSpot-Signature-v3"),
                        exchange.getRequestHeaders().getFirst("X-HubSpot-Request-Timestamp")));
            }
            exchange.sendResponseHeaders(refuse ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        target = "http://localhost:" + receiver.getAddress().getPort() + "/webhooks/hubspot/c-1";
        portal = Portal.unlimited(21, new CompanySize(120, 250, 0));
        Portal.Answer set = portal.send(HttpRequest.newBuilder(portal.base.resolve("/_simulator/webhooks"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"target\":\"" + target + "\"}")));
        assertThat(set.status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        portal.close();
        receiver.stop(0);
    }

    @Test
    void changesArriveAsSignedEventBatchesWithTheCurrentValues() throws Exception {
        JsonNode changes = activity(60);
        long expectedDealEvents = 0;
        for (JsonNode change : changes) {
            if (change.path("kind").asText().equals("DEAL")) {
                expectedDealEvents++;
            }
        }
        assertThat(expectedDealEvents).as("the activity changed deals").isPositive();
        Awaitility.await("webhook batches").atMost(Duration.ofSeconds(30)).until(() -> events().stream()
                .filter(event -> event.path("subscriptionType").asText().startsWith("deal.")).count() > 0);
        for (Delivery delivery : deliveries) {
            assertThat(delivery.signature()).isEqualTo(sign("POST" + target + delivery.body() + delivery.timestamp()));
            assertThat(Instant.ofEpochMilli(Long.parseLong(delivery.timestamp())))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now());
            assertThat(JSON.readTree(delivery.body()).size()).isBetween(1, 100);
        }
        JsonNode deals = portal.truth("deals");
        for (JsonNode event : events()) {
            String type = event.path("subscriptionType").asText();
            assertThat(type).matches("(contact|company|deal|product)\\.(creation|deletion|propertyChange)");
            assertThat(event.path("portalId").asInt()).isEqualTo(62515);
            assertThat(event.path("objectId").isNumber()).isTrue();
            assertThat(event.path("attemptNumber").asInt()).isZero();
            if (type.equals("deal.propertyChange") && event.path("propertyName").asText().equals("dealstage")) {
                // The value the stage took at that moment: the deal may have moved on since.
                JsonNode deal = find(deals, event.path("objectId").asText());
                String stage = null;
                for (JsonNode entered : deal.path("history")) {
                    if (Instant.parse(entered.path("at").asText()).toEpochMilli() == event.path("occurredAt").asLong()) {
                        stage = entered.path("stage").asText();
                    }
                }
                assertThat(stage).as("deal %s entered a stage at the event's time", deal.path("id").asText())
                        .isNotNull();
                assertThat(event.path("propertyValue").asText()).isEqualTo(Map.of("WON", "closedwon", "LOST",
                        "closedlost", "FIRST_MEETING", "appointmentscheduled", "QUALIFIED", "qualifiedtobuy",
                        "PRESENTATION", "presentationscheduled", "DECISION_MAKER_BOUGHT_IN", "decisionmakerboughtin",
                        "CONTRACT_SENT", "contractsent").get(stage));
            }
        }
        Set<String> subscriptions = new java.util.HashSet<>();
        events().forEach(event -> subscriptions.add(event.path("subscriptionType").asText()));
        assertThat(subscriptions).contains("contact.creation", "deal.propertyChange");
    }

    @Test
    void winsOnDemandArriveAsClosedWonStageChangesAndAnUnknownEventIsRefused() throws Exception {
        Set<String> won = new java.util.HashSet<>();
        for (JsonNode change : activityOf(3, "WIN").json().path("changes")) {
            if (change.path("kind").asText().equals("DEAL")) {
                won.add(change.path("id").asText());
            }
        }
        assertThat(won).as("three deals won").hasSize(3);
        Awaitility.await("the wins' webhooks").atMost(Duration.ofSeconds(30)).until(() -> events().stream()
                .filter(event -> event.path("propertyName").asText().equals("dealstage")
                        && event.path("propertyValue").asText().equals("closedwon"))
                .map(event -> event.path("objectId").asText()).collect(java.util.stream.Collectors.toSet())
                .containsAll(won));

        Portal.Answer refused = activityOf(1, "BOGUS");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("WIN", "STAGE_MOVE");
    }

    @Test
    void aRefusedBatchIsSentAgainWithTheNextAttemptNumber() throws Exception {
        refusals.set(1);
        activity(20);
        Awaitility.await("the second attempt").atMost(Duration.ofSeconds(30)).until(() -> !deliveries.isEmpty());
        JsonNode batch = JSON.readTree(deliveries.get(0).body());
        assertThat(batch.get(0).path("attemptNumber").asInt()).isEqualTo(1);
        assertThat(deliveries.get(0).signature()).isEqualTo(sign("POST" + target + deliveries.get(0).body()
                + deliveries.get(0).timestamp()));
    }

    private JsonNode activity(int events) {
        return portal.send(HttpRequest.newBuilder(portal.base.resolve("/_simulator/activity?events=" + events))
                .POST(HttpRequest.BodyPublishers.noBody())).json().path("changes");
    }

    private Portal.Answer activityOf(int events, String kind) {
        return portal.send(HttpRequest.newBuilder(portal.base.resolve("/_simulator/activity?events=" + events
                + "&event=" + kind)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private List<JsonNode> events() throws IOException {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (Delivery delivery : deliveries) {
            JSON.readTree(delivery.body()).forEach(events::add);
        }
        return events;
    }

    private static JsonNode find(JsonNode records, String id) {
        for (JsonNode record : records) {
            if (record.path("id").asText().equals(id)) {
                return record;
            }
        }
        throw new AssertionError("no record " + id);
    }

    private static String sign(String source) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Portal.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.ledgerline.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HubSpotSignatureTest {
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final String URI = "https://ledgerline.example.com/webhooks/hubspot/6c1f0e0a-8d0e-4d8e-9d55-2f0b4e3c1a77";
    private static final String BODY = """
            [{"eventId":1,"subscriptionId":2,"portalId":62515,"appId":54321,"occurredAt":1763800000000,\
            "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"dealstage",\
            "propertyValue":"closedwon","changeSource":"CRM_UI"}]""";
    private static final Instant NOW = Instant.ofEpochMilli(1_763_800_060_000L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void acceptsARequestSignedWithTheClientSecret() {
        String timestamp = Long.toString(NOW.minusSeconds(30).toEpochMilli());
        String signature = signatureOf("POST" + URI + BODY + timestamp);
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY, timestamp, signature, CLOCK)).isNull();
    }

    @Test
    void refusesATamperedBodyAnotherSecretAStaleTimestampAndMissingHeaders() {
        String timestamp = Long.toString(NOW.minusSeconds(30).toEpochMilli());
        String signature = signatureOf("POST" + URI + BODY + timestamp);
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY.replace("closedwon", "closedlost"), timestamp,
                signature, CLOCK)).contains("does not match");
        assertThat(HubSpotSignature.problem("another-secret", "POST", URI, BODY, timestamp, signature, CLOCK))
                .contains("does not match");
        String stale = Long.toString(NOW.minusSeconds(301).toEpochMilli());
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY, stale,
                signatureOf("POST" + URI + BODY + stale), CLOCK)).contains("5 minutes");
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY, null, signature, CLOCK)).contains("required");
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY, timestamp, "%%%", CLOCK)).contains("base64");
    }

    private static String signatureOf(String source) {
        return Base64.getEncoder().encodeToString(HubSpotSignature.sign(SECRET, source));
    }
}

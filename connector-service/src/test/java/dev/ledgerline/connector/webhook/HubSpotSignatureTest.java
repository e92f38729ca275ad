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

    @Test
    void refusesATimestampMoreThanFiveMinutesAhead() {
        String ahead = Long.toString(NOW.plusSeconds(301).toEpochMilli());
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY, ahead,
                signatureOf("POST" + URI + BODY + ahead), CLOCK)).contains("5 minutes ahead");
        String slightlyAhead = Long.toString(NOW.plusSeconds(20).toEpochMilli());
        assertThat(HubSpotSignature.problem(SECRET, "POST", URI, BODY, slightlyAhead,
                signatureOf("POST" + URI + BODY + slightlyAhead), CLOCK)).isNull();
    }

    @Test
    void signsTheUriWithTheEscapesHubSpotDecodes() {
        String called = URI + "?source=crm%3Av3&return=https%3A%2F%2Fapp.example.com%2Fdone%3Fok%21&name=a%20b%26c";
        String signed = URI + "?source=crm:v3&return=https://app.example.com/done?ok!&name=a%20b%26c";
        assertThat(HubSpotSignature.signedUri(called)).isEqualTo(signed);
        assertThat(HubSpotSignature.signedUri("https://x.example/p?q=%40%24%27%28%29%2a%2C%3b"))
                .isEqualTo("https://x.example/p?q=@$'()*,;");

        String timestamp = Long.toString(NOW.minusSeconds(30).toEpochMilli());
        assertThat(HubSpotSignature.problem(SECRET, "POST", called, BODY, timestamp,
                signatureOf("POST" + signed + BODY + timestamp), CLOCK)).isNull();
        // Signed over the URI as it came, with its escapes, the signature is not HubSpot's.
        assertThat(HubSpotSignature.problem(SECRET, "POST", called, BODY, timestamp,
                signatureOf("POST" + called + BODY + timestamp), CLOCK)).contains("does not match");
    }

    private static String signatureOf(String source) {
        return Base64.getEncoder().encodeToString(HubSpotSignature.sign(SECRET, source));
    }
}

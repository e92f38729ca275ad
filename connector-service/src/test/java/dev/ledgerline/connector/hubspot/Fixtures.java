package dev.ledgerline.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The hand-written HubSpot payloads under {@code hubspot/__files}, which WireMock serves too. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static JsonNode json(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/hubspot/__files/" + file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code results} of a page fixture. */
    static List<JsonNode> results(String file) {
        List<JsonNode> results = new ArrayList<>();
        json(file).path("results").forEach(results::add);
        return results;
    }
}

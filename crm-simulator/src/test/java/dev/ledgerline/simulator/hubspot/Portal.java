package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.simulator.Simulator;
import dev.ledgerline.simulator.SimulatorSettings;
import dev.ledgerline.simulator.company.CompanySize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A simulator serving a small company on a free port, and a plain HTTP client that calls it as a connector does. */
final class Portal implements AutoCloseable {
    static final String TOKEN = "pat-test-11111111-2222-3333-4444-555555555555";
    static final String CLIENT_ID = "test-app";
    static final String CLIENT_SECRET = "test-app-secret";
    static final Instant REFERENCE = Instant.parse("2026-03-15T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers and the body as JSON (an empty object when there is none). */
    record Answer(int status, HttpHeaders headers, JsonNode json, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    final Simulator simulator;
    final URI base;

    private Portal(Simulator simulator) {
        this.simulator = simulator;
        this.base = URI.create("http://localhost:" + simulator.port());
    }

    static Portal start(long seed, CompanySize size, int perTenSeconds, int perSecond, int searchesPerSecond,
            Duration searchLag) {
        return new Portal(Simulator.start(new SimulatorSettings(0, seed, REFERENCE, size, 0, null,
                new HubSpotApi.Settings(62515, TOKEN, CLIENT_ID, CLIENT_SECRET, Duration.ofMinutes(30), perTenSeconds,
                        perSecond, searchesPerSecond, searchLag), 0, null, 0, null)));
    }

    /** A portal whose budgets no test exhausts. */
    static Portal unlimited(long seed, CompanySize size) {
        return start(seed, size, 1_000_000, 100_000, 100_000, Duration.ZERO);
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + TOKEN).GET());
    }

    Answer post(String path, Object body) {
        return post(path, body, TOKEN);
    }

    Answer post(String path, Object body, String token) {
        String json = body instanceof String text ? text : JSON.valueToTree(body).toString();
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body.isBlank() || !body.trim().matches("(?s)^[\\[{].*") ? JSON.createObjectNode()
                    : JSON.readTree(body);
            return new Answer(response.statusCode(), response.headers(), json, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The simulator's ground truth of a kind of record. */
    JsonNode truth(String records) {
        return send(HttpRequest.newBuilder(base.resolve("/_simulator/truth/" + records)).GET()).json();
    }

    @Override
    public void close() {
        simulator.close();
    }
}

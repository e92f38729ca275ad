package dev.ledgerline.ledger.quickbooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * QuickBooks Online Accounting API v3: {@code /v3/company/{realmId}/{entity}} with the company's minor version,
 * within the realm's limits ({@link RealmLimits}). A 401 refreshes the access token once and repeats the request; a
 * 429 pauses the realm for its Retry-After and repeats it (a create repeats with the same requestid, so QuickBooks
 * answers a repeat of a create it already did with its first response); any other error is a
 * {@link QuickBooksException.Fault} with Intuit's code, message and detail.
 */
@ApplicationScoped
public class QuickBooksClient {
    /** Repeats of one request after a 429 before the attempt fails (and the row is tried again later). */
    private static final int MAX_THROTTLED_REPEATS = 5;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final QuickBooksTokens tokens;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final QuickBooksConfig config;
    private final RealmLimits limits;
    private final HttpClient http;

    QuickBooksClient(QuickBooksTokens tokens, ObjectMapper json, MeterRegistry registry, QuickBooksConfig config) {
        this.tokens = tokens;
        this.json = json;
        this.registry = registry;
        this.config = config;
        this.limits = new RealmLimits(config.requestsPerMinute(), config.maxConcurrentRequests());
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /** Creates an object: POST /{entity}?requestid=… The answer's root holds it under its type, e.g. "Invoice". */
    public JsonNode create(Company company, String entity, UUID requestId, ObjectNode body) {
        return send(company, "POST", entity, "requestid=" + requestId, body);
    }

    /** A sparse or full update, or {@code operation=void}: POST /{entity}?operation=…&requestid=… */
    public JsonNode operation(Company company, String entity, String operation, UUID requestId, ObjectNode body) {
        return send(company, "POST", entity, "operation=" + operation + "&requestid=" + requestId, body);
    }

    /** Reads an object: GET /{entity}/{id}. */
    public JsonNode read(Company company, String entity, String id) {
        return send(company, "GET", entity + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, null);
    }

    private JsonNode send(Company company, String method, String path, String query, ObjectNode body) {
        URI uri = URI.create(company.apiBaseUrl().replaceAll("/+$", "") + "/v3/company/"
                + URLEncoder.encode(company.realmId(), StandardCharsets.UTF_8) + "/" + path
                + "?minorversion=" + company.minorVersion() + (query == null ? "" : "&" + query));
        String payload = body == null ? null : write(body);
        String accessToken = tokens.accessToken(company.tenantId());
        boolean refreshed = false;
        for (int throttled = 0; ; ) {
            HttpResponse<String> response = exchange(company, method, uri, payload, accessToken, path);
            int status = response.statusCode();
            if (status == 401 && !refreshed) {
                accessToken = tokens.refresh(company.tenantId(), accessToken);
                refreshed = true;
                continue;
            }
            if (status >= 200 && status < 300) {
                JsonNode answer = parse(response.body(), status);
                JsonNode fault = field(answer, "Fault");
                if (fault != null) {
                    throw fault(status, fault, null);
                }
                return answer;
            }
            QuickBooksException.Fault fault = fault(status, field(parse(response.body(), status), "Fault"),
                    status == 429 ? retryAfter(response) : null);
            if (fault.throttled() && ++throttled <= MAX_THROTTLED_REPEATS) {
                limits.pause(company.realmId(), fault.retryAfter());
                continue;
            }
            throw fault;
        }
    }

    private HttpResponse<String> exchange(Company company, String method, URI uri, String payload, String accessToken,
            String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json");
        if (payload == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload));
        }
        String entity = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        try {
            HttpResponse<String> response = limits.call(company.realmId(), () -> {
                try {
                    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    throw new QuickBooksException.Unreachable(method + " " + entity + ": " + e.getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QuickBooksException.Unreachable(method + " " + entity + ": interrupted");
                }
            });
            registry.counter("ledgerline.ledger.quickbooks.requests", "entity", entity, "status",
                    Integer.toString(response.statusCode())).increment();
            return response;
        } catch (QuickBooksException.Unreachable e) {
            registry.counter("ledgerline.ledger.quickbooks.requests", "entity", entity, "status", "none").increment();
            throw e;
        }
    }

    private JsonNode parse(String body, int status) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            if (status >= 200 && status < 300) {
                throw new QuickBooksException.Unreachable("HTTP " + status + " with a body that is not JSON");
            }
            return json.createObjectNode();
        }
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A QuickBooks payload could not be written", e);
        }
    }

    /** {"Fault":{"Error":[{"Message","Detail","code"}],"type"}}; a 401 spells it "fault"/"error". */
    private static QuickBooksException.Fault fault(int status, JsonNode fault, Duration retryAfter) {
        JsonNode error = fault == null ? null : field(fault, "Error");
        JsonNode first = error != null && error.isArray() && !error.isEmpty() ? error.get(0) : null;
        return new QuickBooksException.Fault(status, fault == null ? null : text(field(fault, "type")),
                first == null ? null : text(field(first, "code")), first == null ? null : text(field(first, "Message")),
                first == null ? null : text(field(first, "Detail")), retryAfter);
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                Duration seconds = Duration.ofSeconds(Long.parseLong(value.trim()));
                return seconds.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : seconds;
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER;
            }
        }).orElse(DEFAULT_RETRY_AFTER);
    }

    /** A field by its name in either case of its first letter (QuickBooks spells a 401's fault in lower case). */
    private static JsonNode field(JsonNode node, String name) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(name);
        return value != null ? value : node.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}

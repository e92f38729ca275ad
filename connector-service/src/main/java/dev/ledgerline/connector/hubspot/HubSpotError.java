package dev.ledgerline.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * HubSpot's error body ({@code status}, {@code message}, {@code correlationId}, {@code category}, for rate limits
 * {@code policyName}, for missing scopes {@code errors[].context.requiredScopes}), read leniently: gateways and
 * proxies answer with bodies that are not JSON.
 */
record HubSpotError(int status, String message, String category, String policyName, String correlationId,
                    List<String> requiredScopes) {

    static final String MISSING_SCOPES = "MISSING_SCOPES";
    static final String DAILY_POLICY = "DAILY";

    static HubSpotError parse(int status, String body, ObjectMapper mapper) {
        JsonNode json;
        try {
            json = mapper.readTree(body == null ? "" : body);
        } catch (IOException notJson) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            String excerpt = body == null ? "" : body.substring(0, Math.min(body.length(), 200));
            return new HubSpotError(status, excerpt, null, null, null, List.of());
        }
        List<String> scopes = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            error.path("context").path("requiredScopes").forEach(scope -> scopes.add(scope.asText()));
        }
        return new HubSpotError(status, json.path("message").asText(""), text(json, "category"),
                text(json, "policyName"), text(json, "correlationId"), List.copyOf(scopes));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

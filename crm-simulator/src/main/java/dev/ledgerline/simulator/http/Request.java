package dev.ledgerline.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One HTTP request as a handler sees it: method, the URI as called, the decoded query, headers, the body, and the
 * groups its route's path pattern matched.
 */
public final class Request {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, List<String>> query;
    private Matcher path;

    Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.query = decode(uri.getRawQuery());
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** The absolute URL the client called, as far as the Host header tells it. */
    public String absoluteUrl() {
        String host = header("Host");
        return "http://" + (host == null ? "localhost" : host) + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The base URL ({@code http://host:port}) the client called. */
    public String baseUrl() {
        String host = header("Host");
        return "http://" + (host == null ? "localhost" : host);
    }

    /** A group of the route's path pattern, e.g. the object type in {@code /crm/v3/objects/([a-z_]+)}. */
    public String path(int group) {
        return path.group(group);
    }

    void path(Matcher matched) {
        this.path = matched;
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a query parameter, comma-separated values split, as HubSpot reads {@code properties=a,b}. */
    public List<String> queryList(String name) {
        List<String> values = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            Arrays.stream(value.split(",")).map(String::trim).filter(part -> !part.isEmpty()).forEach(values::add);
        }
        return values;
    }

    /** A header, matched case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that is not JSON is the client's fault. */
    public JsonNode json() {
        try {
            JsonNode json = JSON.readTree(body());
            return json == null ? JSON.createObjectNode() : json;
        } catch (JsonProcessingException malformed) {
            throw new HttpProblem(Response.json(400, JSON.createObjectNode().put("status", "error")
                    .put("message", "Invalid input JSON: " + malformed.getOriginalMessage())
                    .put("category", "VALIDATION_ERROR")));
        }
    }

    /** The body as an {@code application/x-www-form-urlencoded} form. */
    public Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        decode(body()).forEach((name, values) -> form.put(name, values.get(0)));
        return form;
    }

    private static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return decoded;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            decoded.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return decoded;
    }
}

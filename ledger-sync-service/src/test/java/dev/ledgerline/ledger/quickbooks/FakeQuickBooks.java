package dev.ledgerline.ledger.quickbooks;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QuickBooks Online company on WireMock that behaves like the Accounting API v3 where the adapter depends on it:
 * creates answer {@code {"<Type>": {..., "Id", "SyncToken": "0", "MetaData"}, "time"}}; a repeated {@code requestid}
 * is answered with the first response and creates nothing; updates and voids check the SyncToken (Fault 5010
 * "Stale Object Error" otherwise); an unknown or expired access token is a 401 with Intuit's lower-case
 * {@code fault}; Intuit's token endpoint rotates the refresh token on every refresh and accepts only the newest.
 * Faults can be injected: 429s, a lost answer (connection reset after the object was made), a validation Fault, an
 * edit made in QuickBooks meanwhile (the SyncToken moves on), and a requests-per-minute bound that answers 429.
 * The token endpoint also takes the authorization-code grant of a consent ({@link #consent}): each code once, with
 * the redirect URI of the consent URL.
 */
final class FakeQuickBooks implements AutoCloseable {
    static final String REALM = "9341453050298463";
    static final String CLIENT_ID = "ABqbo-client-id";
    static final String CLIENT_SECRET = "qbo-client-secret-value";
    static final String TOKEN_PATH = "/oauth2/v1/tokens/bearer";
    static final String AUTHORIZE_PATH = "/connect/oauth2";
    static final String REDIRECT_URI = "https://ledger.example.com/quickbooks/callback";
    private static final Pattern API = Pattern.compile("/v3/company/([^/]+)/([a-z]+)(?:/([^/?]+))?");
    private static final Map<String, String> TYPES = Map.of("customer", "Customer", "item", "Item", "invoice", "Invoice",
            "salesreceipt", "SalesReceipt", "payment", "Payment", "refundreceipt", "RefundReceipt");

    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer server;
    private final Map<String, Map<String, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final Map<String, Answer> byRequestId = new ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Deque<Injected> injected = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Deque<Long> recentStarts = new ArrayDeque<>();
    private volatile String accessToken;
    private volatile String refreshToken = "rt-0";
    private volatile int perMinute;
    private volatile int latencyMillis;
    private final AtomicInteger throttled = new AtomicInteger();
    /** Authorization codes handed out by consents and not yet exchanged. */
    private final java.util.Set<String> codes = ConcurrentHashMap.newKeySet();

    private record Answer(int status, String body) {
    }

    /** A fault answered to the next request on a path that matches (entity, or "token"). */
    private record Injected(String entity, String kind, int status, String body) {
    }

    FakeQuickBooks() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40).extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    String tokenUrl() {
        return server.baseUrl() + TOKEN_PATH;
    }

    /** The body of PUT /quickbooks that connects a tenant to this company (income account 79). */
    Map<String, Object> companySettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("realmId", REALM);
        settings.put("apiBaseUrl", baseUrl());
        settings.put("tokenUrl", tokenUrl());
        settings.put("clientId", CLIENT_ID);
        settings.put("clientSecret", CLIENT_SECRET);
        settings.put("refreshToken", refreshToken);
        settings.put("incomeAccountId", "79");
        return settings;
    }

    /**
     * The body of PUT /quickbooks for a company that is connected through the consent flow: no realm and no refresh
     * token yet, the consent URL and the redirect URI instead.
     */
    Map<String, Object> consentSettings() {
        Map<String, Object> settings = companySettings();
        settings.remove("realmId");
        settings.remove("refreshToken");
        settings.put("authorizeUrl", server.baseUrl() + AUTHORIZE_PATH);
        settings.put("redirectUri", REDIRECT_URI);
        return settings;
    }

    /** The user gives consent: Intuit redirects to the callback with this code (good for one exchange). */
    String consent() {
        String code = "AB11" + java.util.UUID.randomUUID().toString().replace("-", "");
        codes.add(code);
        return code;
    }

    /** The refresh token the company holds now (rotated by every refresh). */
    String currentRefreshToken() {
        return refreshToken;
    }

    int tokenCalls() {
        return tokenCalls.get();
    }

    int throttledAnswers() {
        return throttled.get();
    }

    /** Every request, as "METHOD path?query". */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<String> requests(String method, String entity) {
        String prefix = method + " /v3/company/" + REALM + "/" + entity;
        return requests().stream().filter(request -> request.startsWith(prefix + "?") || request.startsWith(prefix + "/")).toList();
    }

    List<ObjectNode> objects(String type) {
        return List.copyOf(objects.getOrDefault(type, Map.of()).values());
    }

    ObjectNode object(String type, String id) {
        return objects.getOrDefault(type, Map.of()).get(id);
    }

    /** The next {@code count} API requests are answered 429 with Retry-After: 1. */
    synchronized void throttleNext(int count) {
        for (int i = 0; i < count; i++) {
            injected.add(new Injected(null, "throttle", 429, null));
        }
    }

    /** The next create of the entity is made, then its answer is lost (the connection is reset). */
    synchronized void loseNextAnswer(String entity) {
        injected.add(new Injected(entity, "lose", 0, null));
    }

    /** The next request on the entity is answered with a validation Fault. */
    synchronized void failNext(String entity, String code, String message, String detail) {
        injected.add(new Injected(entity, "fault", 400, fault("ValidationFault", code, message, detail)));
    }

    /** Someone edits the object in QuickBooks: its SyncToken moves on. */
    void editInQuickBooks(String type, String id) {
        ObjectNode object = object(type, id);
        synchronized (object) {
            object.put("SyncToken", Integer.toString(Integer.parseInt(object.get("SyncToken").asText()) + 1));
        }
    }

    /** Every access token handed out so far stops working (expired), as after an hour. */
    void expireAccessTokens() {
        accessToken = "expired";
    }

    /** Answers 429 to API requests beyond this many starts in any 60 s (0: no bound). */
    void enforceRequestsPerMinute(int bound) {
        perMinute = bound;
    }

    /** Every API answer takes this long, as QuickBooks' do over the internet. */
    void latency(int millis) {
        latencyMillis = millis;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized Injected takeInjected(String entity) {
        for (var iterator = injected.iterator(); iterator.hasNext(); ) {
            Injected next = iterator.next();
            if (next.entity() == null || next.entity().equals(entity)) {
                iterator.remove();
                return next;
            }
        }
        return null;
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "fake-quickbooks";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            requests.add(request.getMethod().getName() + " " + request.getUrl());
            try {
                if (request.getUrl().startsWith(TOKEN_PATH)) {
                    return token(request);
                }
                ResponseDefinition answer = api(request);
                return latencyMillis == 0 || answer.getFault() != null ? answer
                        : ResponseDefinitionBuilder.like(answer).withFixedDelay(latencyMillis).build();
            } catch (Exception e) {
                return json(500, fault("SystemFault", "10000", "An application error has occurred", e.toString()));
            }
        }
    }

    /** Intuit's token endpoint: refresh grant, client authenticated with HTTP Basic. */
    private ResponseDefinition token(Request request) {
        tokenCalls.incrementAndGet();
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(request.getHeader("Authorization"))) {
            return json(401, "{\"error\":\"invalid_client\"}");
        }
        Map<String, String> form = form(request.getBodyAsString());
        synchronized (this) {
            if ("authorization_code".equals(form.get("grant_type"))) {
                if (!REDIRECT_URI.equals(form.get("redirect_uri")) || !codes.remove(String.valueOf(form.get("code")))) {
                    return json(400, "{\"error\":\"invalid_grant\"}");
                }
                return issueTokens();
            }
            if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
                return json(400, "{\"error\":\"invalid_grant\"}");
            }
            return issueTokens();
        }
    }

    /** Intuit's answer to either grant: a new access token and a new (rotated) refresh token. */
    private ResponseDefinition issueTokens() {
        int generation = tokenCalls.get();
        accessToken = "at-" + generation;
        refreshToken = "rt-" + generation;
        return json(200, """
                {"token_type":"bearer","access_token":"%s","expires_in":3600,"refresh_token":"%s",
                 "x_refresh_token_expires_in":8726400}""".formatted(accessToken, refreshToken));
    }

    private ResponseDefinition api(Request request) throws Exception {
        Matcher path = API.matcher(request.getUrl().split("\\?")[0]);
        if (!path.matches() || !REALM.equals(path.group(1)) || !TYPES.containsKey(path.group(2))) {
            return json(400, fault("ValidationFault", "2030", "Invalid ID", "unknown path " + request.getUrl()));
        }
        if (accessToken == null || !("Bearer " + accessToken).equals(request.getHeader("Authorization"))) {
            return json(401, """
                    {"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed; \
                    errorCode=003200; statusCode=401","detail":"Token expired","code":"3200","element":null}],\
                    "type":"AUTHENTICATION"},"report":null,"queryResponse":null,"batchItemResponse":[],\
                    "attachableResponse":[],"syncErrorResponse":null,"requestId":null,"time":%d,"status":null,\
                    "cdcresponse":[]}""".formatted(System.currentTimeMillis()));
        }
        if (!request.queryParameter("minorversion").isPresent()) {
            return json(400, fault("ValidationFault", "2010", "Request has invalid or unsupported property", "minorversion"));
        }
        if (overRate()) {
            throttled.incrementAndGet();
            return ResponseDefinitionBuilder.like(json(429, fault("ThrottlingFault", "3001",
                    "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.")))
                    .withHeader("Retry-After", "1").build();
        }
        String entity = path.group(2);
        String type = TYPES.get(entity);
        Injected fault = takeInjected(entity);
        if (fault != null && fault.kind().equals("throttle")) {
            throttled.incrementAndGet();
            return ResponseDefinitionBuilder.like(json(429, fault("ThrottlingFault", "3001",
                    "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.")))
                    .withHeader("Retry-After", "1").build();
        }
        if (fault != null && fault.kind().equals("fault")) {
            return json(fault.status(), fault.body());
        }
        if (request.getMethod().getName().equals("GET")) {
            ObjectNode object = object(type, path.group(3));
            return object == null ? json(400, fault("ValidationFault", "610", "Object Not Found", type + " " + path.group(3)))
                    : json(200, answer(type, object));
        }
        String requestId = request.queryParameter("requestid").isPresent()
                ? request.queryParameter("requestid").firstValue() : null;
        if (requestId != null) {
            Answer first = byRequestId.get(requestId);
            if (first != null) {
                return json(first.status(), first.body());
            }
        }
        String operation = request.queryParameter("operation").isPresent()
                ? request.queryParameter("operation").firstValue() : null;
        ObjectNode body = (ObjectNode) json.readTree(request.getBodyAsString());
        Answer answer = operation == null ? create(type, body) : change(type, operation,
                request.queryParameter("include").isPresent(), body);
        if (requestId != null) {
            byRequestId.put(requestId, answer);
        }
        if (fault != null && fault.kind().equals("lose")) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        return json(answer.status(), answer.body());
    }

    private synchronized boolean overRate() {
        if (perMinute <= 0) {
            return false;
        }
        long now = System.nanoTime();
        while (!recentStarts.isEmpty() && now - recentStarts.peekFirst() >= 60_000_000_000L) {
            recentStarts.pollFirst();
        }
        if (recentStarts.size() >= perMinute) {
            return true;
        }
        recentStarts.addLast(now);
        return false;
    }

    private Answer create(String type, ObjectNode body) {
        if (type.equals("RefundReceipt") && body.path("DepositToAccountRef").path("value").asText().isEmpty()) {
            return new Answer(400, fault("ValidationFault", "2020", "Required param missing, need to supply the required"
                    + " value for the API", "Required parameter DepositToAccountRef is missing in the request"));
        }
        if (type.equals("Customer")) {
            String name = body.path("DisplayName").asText();
            boolean taken = objects(type).stream().anyMatch(customer -> customer.path("DisplayName").asText().equals(name));
            if (taken) {
                return new Answer(400, fault("ValidationFault", "6240", "Duplicate Name Exists Error",
                        "The name supplied already exists. : Another customer is already using this name."));
            }
        }
        String id = Integer.toString(ids.incrementAndGet());
        ObjectNode object = body.deepCopy();
        object.put("Id", id).put("SyncToken", "0").put("domain", "QBO").put("sparse", false);
        String now = Instant.now().toString();
        object.putObject("MetaData").put("CreateTime", now).put("LastUpdatedTime", now);
        totals(type, object);
        objects.computeIfAbsent(type, key -> new ConcurrentHashMap<>()).put(id, object);
        return new Answer(200, answer(type, object));
    }

    private Answer change(String type, String operation, boolean includeVoid, ObjectNode body) {
        ObjectNode object = object(type, body.path("Id").asText());
        if (object == null) {
            return new Answer(400, fault("ValidationFault", "610", "Object Not Found", type + " " + body.path("Id").asText()));
        }
        synchronized (object) {
            if (!object.path("SyncToken").asText().equals(body.path("SyncToken").asText())) {
                return new Answer(400, fault("ValidationFault", "5010", "Stale Object Error",
                        "Stale Object Error : You and root were working on this at the same time. root finished before"
                                + " you did, so your work was not saved."));
            }
            boolean voiding = operation.equals("void") || includeVoid;
            if (voiding) {
                object.put("PrivateNote", "Voided").put("TotalAmt", 0).put("Balance", 0);
                for (JsonNode line : object.withArray("Line")) {
                    ((ObjectNode) line).put("Amount", 0);
                }
            } else {
                body.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("Id") && !field.getKey().equals("SyncToken") && !field.getKey().equals("sparse")) {
                        object.set(field.getKey(), field.getValue());
                    }
                });
                totals(type, object);
            }
            object.put("SyncToken", Integer.toString(Integer.parseInt(object.get("SyncToken").asText()) + 1));
            ((ObjectNode) object.get("MetaData")).put("LastUpdatedTime", Instant.now().toString());
            return new Answer(200, answer(type, object));
        }
    }

    /** TotalAmt and Balance as QuickBooks computes them from the lines, the discount and the tax. */
    private static void totals(String type, ObjectNode object) {
        if (!type.equals("Invoice") && !type.equals("SalesReceipt") && !type.equals("RefundReceipt")) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : object.withArray("Line")) {
            BigDecimal amount = line.path("Amount").decimalValue();
            total = "DiscountLineDetail".equals(line.path("DetailType").asText()) ? total.subtract(amount) : total.add(amount);
        }
        total = total.add(object.path("TxnTaxDetail").path("TotalTax").decimalValue());
        object.put("TotalAmt", total);
        object.put("Balance", type.equals("Invoice") ? total : BigDecimal.ZERO);
    }

    private String answer(String type, ObjectNode object) {
        synchronized (object) {
            ObjectNode answer = json.createObjectNode();
            answer.set(type, object.deepCopy());
            answer.put("time", Instant.now().toString());
            return answer.toString();
        }
    }

    private String fault(String type, String code, String message, String detail) {
        ObjectNode root = json.createObjectNode();
        ObjectNode fault = root.putObject("Fault");
        ArrayNode errors = fault.putArray("Error");
        errors.addObject().put("Message", message).put("Detail", detail).put("code", code).put("element", "");
        fault.put("type", type);
        root.put("time", Instant.now().toString());
        return root.toString();
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}

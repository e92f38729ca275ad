package dev.ledgerline.simulator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.CompanyGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Registers the local run's demo tenant at a running connector-service, against a running CRM simulator, the same
 * way every time (so a restart with kept data reuses what the first start made): the tenant's settings; a HubSpot
 * and a Salesforce OAuth connection with the simulator as API, token and consent endpoints, each consented through
 * the simulator's authorize page and the connector's callback, syncing the invoices of the simulated company's whole
 * history; when the simulator keeps a share of the company in its monday.com account, a monday.com connection with
 * the account's personal API token and the simulator as API; the simulator's webhooks pointed at the HubSpot
 * connection; then a sync of each
 * (FULL for a new connection, INCREMENTAL for a kept one), waited for and reported. Exits 1 when something failed.
 *
 * <p>{@code java -cp crm-simulator-runner.jar dev.ledgerline.simulator.demo.LocalDemo --connector=URL
 * --simulator=URL [--tenant=demo] [--client-id=…] [--client-secret=…]}, with an admin bearer token of the tenant for
 * connector-service's API in the environment variable {@value #TOKEN_VARIABLE} (kept off the command line, which
 * every local user can read).
 */
public final class LocalDemo {
    /**
     * A CRM of the demo tenant: its connection's name, endpoints at the simulator and the scopes it asks for; a CRM
     * without a token path is connected by API token, not OAuth.
     */
    record DemoCrm(String crm, String displayName, String tokenPath, String authorizePath, List<String> scopes) {
        boolean oauth() {
            return tokenPath != null;
        }
    }

    static final DemoCrm HUBSPOT = new DemoCrm("HUBSPOT", "HubSpot (CRM simulator)", "/oauth/v1/token",
            "/oauth/authorize", List.of("crm.objects.contacts.read", "crm.objects.companies.read",
            "crm.objects.deals.read", "crm.objects.owners.read", "crm.objects.line_items.read"));
    static final DemoCrm SALESFORCE = new DemoCrm("SALESFORCE", "Salesforce (CRM simulator)",
            "/services/oauth2/token", "/services/oauth2/authorize", List.of("api", "refresh_token"));
    static final DemoCrm MONDAY = new DemoCrm("MONDAY", "monday.com (CRM simulator)", null, null, List.of());
    static final String TOKEN_VARIABLE = "LEDGERLINE_TOKEN";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(15);
    private static final Set<String> RUNNING = Set.of("QUEUED", "RUNNING");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI connector;
    private final URI simulator;
    private final String tenant;
    private final String clientId;
    private final String clientSecret;
    private final String bearerToken;

    LocalDemo(URI connector, URI simulator, String tenant, String clientId, String clientSecret, String bearerToken) {
        this.connector = connector;
        this.simulator = simulator;
        this.tenant = tenant;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.bearerToken = bearerToken;
    }

    public static void main(String[] args) throws Exception {
        String connector = option(args, "connector", "http://localhost:8081");
        String simulator = option(args, "simulator", "http://localhost:8090");
        LocalDemo demo = new LocalDemo(URI.create(connector), URI.create(simulator), option(args, "tenant", "demo"),
                option(args, "client-id", "ledgerline-local"),
                option(args, "client-secret", "local-simulator-client-secret"), System.getenv(TOKEN_VARIABLE));
        if (demo.bearerToken == null || demo.bearerToken.isBlank()) {
            System.err.println("Demo registration needs an admin token of the tenant in " + TOKEN_VARIABLE);
            System.exit(2);
        }
        try {
            System.exit(demo.register() ? 0 : 1);
        } catch (DemoFailure failure) {
            System.err.println("Demo registration failed: " + failure.getMessage());
            System.exit(1);
        }
    }

    /** Registers and syncs; true when the sync succeeded. */
    boolean register() throws IOException, InterruptedException {
        call("PUT", connector, "/api/tenants/" + tenant + "/settings",
                "{\"homeCurrency\":\"USD\",\"timeZone\":\"UTC\",\"fiscalYearStartMonth\":1}", 200);
        boolean synced = true;
        JsonNode monday = call("GET", simulator, "/_simulator", null, 200).path("monday");
        List<DemoCrm> crms = monday.path("share").asDouble() > 0 ? List.of(HUBSPOT, SALESFORCE, MONDAY)
                : List.of(HUBSPOT, SALESFORCE);
        for (DemoCrm crm : crms) {
            String connection = existingConnection(crm);
            boolean created = connection == null;
            if (created) {
                connection = crm.oauth() ? createAndConsent(crm)
                        : createWithToken(crm, monday.path("apiToken").asText());
            }
            String also = "";
            if (crm == HUBSPOT) {
                call("PUT", simulator, "/_simulator/webhooks", JSON.createObjectNode().put("target",
                        connector.resolve("/webhooks/hubspot/" + connection).toString()).toString(), 200);
                also = ", webhooks from the simulator on";
            }
            String mode = created ? "FULL" : "INCREMENTAL";
            System.out.println("Tenant " + tenant + ": " + crm.displayName() + " connection " + connection + " ("
                    + (created ? "new" : "kept") + ")" + also + "; " + mode + " sync started");
            synced &= sync(connection, mode);
        }
        return synced;
    }

    /** The active demo connection kept from an earlier start; a half-made one (no consent) is removed. */
    private String existingConnection(DemoCrm crm) throws IOException, InterruptedException {
        String found = null;
        for (JsonNode connection : call("GET", connector, "/api/tenants/" + tenant + "/connections", null, 200)) {
            boolean ours = crm.displayName().equals(connection.path("displayName").asText()) && (crm.oauth()
                    ? simulator.resolve(crm.tokenPath()).toString().equals(connection.path("tokenUrl").asText())
                    : simulator.toString().equals(connection.path("apiBaseUrl").asText()));
            String status = connection.path("status").asText();
            if (!ours || status.equals("DISCONNECTED")) {
                continue;
            }
            if (status.equals("ACTIVE") && found == null) {
                found = connection.path("id").asText();
            } else {
                call("DELETE", connector, "/api/tenants/" + tenant + "/connections/" + connection.path("id").asText(),
                        null, 204);
            }
        }
        return found;
    }

    /** A connection by API token (monday.com's personal token) with the simulator as its API. */
    private String createWithToken(DemoCrm crm, String apiToken) throws IOException, InterruptedException {
        ObjectNode request = newConnection(crm).put("apiToken", apiToken).put("apiBaseUrl", simulator.toString());
        return call("POST", connector, "/api/tenants/" + tenant + "/connections", request.toString(), 201)
                .path("connection").path("id").asText();
    }

    private ObjectNode newConnection(DemoCrm crm) throws IOException, InterruptedException {
        // The whole simulated history's invoices reach the ledger, not only those after the connection was made.
        Instant historyStart = Instant.parse(call("GET", simulator, "/_simulator", null, 200).path("referenceTime")
                .asText()).minus(CompanyGenerator.HISTORY);
        ObjectNode request = JSON.createObjectNode().put("crm", crm.crm()).put("displayName", crm.displayName());
        request.putObject("settings").put("syncInvoicesSince", historyStart.toString());
        return request;
    }

    private String createAndConsent(DemoCrm crm) throws IOException, InterruptedException {
        ObjectNode request = newConnection(crm).put("tokenUrl", simulator.resolve(crm.tokenPath()).toString())
                .put("authorizeUrl", simulator.resolve(crm.authorizePath()).toString());
        if (crm == HUBSPOT) {
            // Salesforce names its API host in the token response (instance_url).
            request.put("apiBaseUrl", simulator.toString());
        }
        ObjectNode oauth = request.putObject("oauth").put("clientId", clientId).put("clientSecret", clientSecret)
                .put("redirectUri", connector.resolve("/oauth/callback").toString());
        crm.scopes().forEach(oauth.putArray("scopes")::add);
        JsonNode created = call("POST", connector, "/api/tenants/" + tenant + "/connections", request.toString(), 201);
        String id = created.path("connection").path("id").asText();
        // The user's consent at the CRM: the simulator's authorize page answers with the redirect to the callback.
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(created.path("authorizeUrl")
                .asText())).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String callback = consent.headers().firstValue("Location").orElseThrow(() -> new DemoFailure(
                "the simulator's authorize page answered " + consent.statusCode() + " without a redirect: "
                        + consent.body()));
        HttpResponse<String> completed = http.send(HttpRequest.newBuilder(URI.create(callback))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (completed.statusCode() != 200) {
            throw new DemoFailure("the connector's OAuth callback answered " + completed.statusCode() + ": "
                    + completed.body());
        }
        return id;
    }

    private boolean sync(String connection, String mode) throws IOException, InterruptedException {
        String base = "/api/tenants/" + tenant + "/connections/" + connection;
        JsonNode queued = call("POST", connector, base + "/sync", "{\"mode\":\"" + mode + "\"}", 202);
        String runPath = base + "/runs/" + queued.path("id").asText();
        Instant deadline = Instant.now().plus(SYNC_TIMEOUT);
        JsonNode run = call("GET", connector, runPath, null, 200);
        while (RUNNING.contains(run.path("state").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            run = call("GET", connector, runPath, null, 200);
        }
        StringBuilder summary = new StringBuilder();
        for (JsonNode entity : run.path("entities")) {
            summary.append(summary.isEmpty() ? "" : ", ").append(entity.path("entity").asText()).append(' ')
                    .append(entity.path("published").asLong());
        }
        String state = run.path("state").asText();
        System.out.println(mode + " sync " + state.toLowerCase(Locale.ROOT) + " (published: " + summary + ")"
                + (run.hasNonNull("error") ? "; error: " + run.path("error").asText() : ""));
        return state.equals("SUCCEEDED");
    }

    private JsonNode call(String method, URI service, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        if (service.equals(connector)) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new DemoFailure(method + " " + service.resolve(path) + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static String option(String[] args, String name, String defaultValue) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return defaultValue;
    }

    private static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }
}

package dev.ledgerline.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerline.simulator.company.Activity;
import dev.ledgerline.simulator.company.Change;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CompanyGenerator;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.PeopleSource;
import dev.ledgerline.simulator.company.SimpleDuplicates;
import dev.ledgerline.simulator.http.Request;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import dev.ledgerline.simulator.hubspot.HubSpotApi;
import dev.ledgerline.simulator.hubspot.HubSpotWebhooks;
import dev.ledgerline.simulator.monday.MondayApi;
import dev.ledgerline.simulator.salesforce.SalesforceApi;
import dev.ledgerline.simulator.truth.GroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CRM for the local run and the end-to-end tests: a generated company served through the APIs the connectors read
 * (HubSpot, as {@link HubSpotApi}; Salesforce, as {@link SalesforceApi}; monday.com, as {@link MondayApi}; each
 * holding its part of the company as {@link CrmSplit} divides it), with ongoing activity and webhooks, plus the
 * simulator's own endpoints under {@code /_simulator}: its status, the ground truth of every record, activity on
 * demand and the webhook target.
 */
public final class Simulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Simulator.class.getName());
    private static final int MAX_EVENTS_PER_CALL = 10_000;

    static {
        // The JDK's server writes the headers and the body of an answer separately: with Nagle's algorithm and delayed
        // ACKs every answer waited about 40 ms. Read once, when the server classes first load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final SimulatorSettings settings;
    private final Company company;
    private final Activity activity;
    private final ActivitySchedule schedule;
    private final HubSpotWebhooks webhooks;
    private final HttpServer server;
    private final ExecutorService executor;
    private final long caughtUp;
    private final CrmSplit split;

    private Simulator(SimulatorSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        PeopleSource people = new SimpleDuplicates();
        this.company = CompanyGenerator.generate(settings.seed(), settings.referenceTime(), settings.size(), people);
        this.activity = new Activity(company, people);
        Duration interval = settings.activityInterval();
        this.schedule = interval == null ? null
                : new ActivitySchedule(activity, company.referenceTime(), interval, clock);
        // Events that fell due while the simulator was down happened without anyone watching: no webhooks for them.
        this.caughtUp = schedule == null ? 0 : schedule.catchUp();
        HubSpotApi.Settings hubspot = settings.hubspot();
        this.split = new CrmSplit(settings.seed(), settings.salesforceShare(), settings.mondayShare());
        this.webhooks = hubspot.clientSecret() == null ? null : new HubSpotWebhooks(company, split, hubspot.clientSecret(),
                hubspot.portalId(), settings.webhookTarget(), clock);
        Router router = new Router(request -> Response.json(404, JsonNodeFactory.instance.objectNode()
                .put("status", "error").put("message", "No such resource: " + request.method() + " "
                        + request.uri().getPath()).put("category", "OBJECT_NOT_FOUND")));
        new HubSpotApi(company, split, hubspot, clock).routes(router);
        if (settings.salesforce() != null) {
            new SalesforceApi(company, split, settings.salesforce(), clock).routes(router);
        }
        if (settings.monday() != null) {
            new MondayApi(company, split, settings.monday(), clock).routes(router);
        }
        new GroundTruth(company, split).routes(router);
        router.on("GET", "/_simulator/?", request -> Response.json(200, status()))
                .on("POST", "/_simulator/activity", this::activityNow)
                .on("GET", "/_simulator/webhooks", request -> Response.json(200, webhookStatus()))
                .on("PUT", "/_simulator/webhooks", this::webhookTarget);
        this.executor = Executors.newFixedThreadPool(8, threads("simulator-http"));
        this.server = HttpServer.create(new InetSocketAddress(settings.port()), 64);
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
        if (schedule != null) {
            schedule.start();
        }
    }

    public static Simulator start(SimulatorSettings settings) {
        try {
            return new Simulator(settings, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve on port " + settings.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Company company() {
        return company;
    }

    private ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode().put("seed", company.seed())
                .put("referenceTime", company.referenceTime().toString())
                .put("homeCurrency", Company.HOME_CURRENCY);
        ObjectNode counts = status.putObject("records");
        company.read(c -> {
            for (Kind kind : Kind.values()) {
                counts.put(kind.name().toLowerCase().replace('_', '-'), c.all(kind).size());
            }
            return null;
        });
        ObjectNode events = status.putObject("activity").put("perMinute", settings.activityPerMinute())
                .put("happened", activity.applied()).put("caughtUpAtStart", caughtUp);
        if (schedule != null) {
            events.put("nextAt", schedule.next().toString());
        }
        status.set("webhooks", webhookStatus());
        if (settings.monday() != null) {
            // The account's token is served (and printed) for the local run: it guards generated data only.
            status.putObject("monday").put("share", settings.mondayShare()).put("endpoint", "/v2")
                    .put("apiToken", settings.monday().apiToken());
        }
        return status;
    }

    /**
     * {@code POST /_simulator/activity?events=N[&event=KIND]}: N events now, whatever the rate, each of the given kind
     * when one is named (a kind with nothing to act on, say a win without an open deal, becomes a new lead, as drawn
     * events do); answers what changed.
     */
    private Response activityNow(Request request) {
        Activity.Event kind = null;
        String named = request.query("event");
        if (named != null) {
            try {
                kind = Activity.Event.valueOf(named);
            } catch (IllegalArgumentException e) {
                return Response.json(400, JsonNodeFactory.instance.objectNode().put("status", "error")
                        .put("message", "event must be one of " + Arrays.toString(Activity.Event.values())));
            }
        }
        int count;
        try {
            count = Integer.parseInt(request.query("events") == null ? "1" : request.query("events"));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_EVENTS_PER_CALL) {
            return Response.json(400, JsonNodeFactory.instance.objectNode().put("status", "error")
                    .put("message", "events must be a number from 1 to " + MAX_EVENTS_PER_CALL));
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.addAll(activity.next(Instant.now(), kind));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("events", count);
        ArrayNode changed = body.putArray("changes");
        for (Change change : changes) {
            changed.addObject().put("kind", change.kind().name()).put("id", String.valueOf(change.id()))
                    .put("type", change.type().name()).put("at", change.at().toString());
        }
        return Response.json(200, body);
    }

    private ObjectNode webhookStatus() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        if (webhooks == null) {
            return status.put("enabled", false).put("reason", "no OAuth app (client secret) to sign them with");
        }
        HubSpotWebhooks.Deliveries deliveries = webhooks.deliveries();
        return status.put("enabled", true).put("target", webhooks.target().map(URI::toString).orElse(null))
                .put("batches", deliveries.batches()).put("events", deliveries.events())
                .put("failedBatches", deliveries.failedBatches()).put("lastFailure", deliveries.lastFailure());
    }

    /** {@code PUT /_simulator/webhooks {"target": "http://…"}}: the app's target URL, as set in its settings. */
    private Response webhookTarget(Request request) {
        if (webhooks == null) {
            return Response.json(409, webhookStatus());
        }
        JsonNode target = request.json().path("target");
        if (!target.isNull() && !target.isMissingNode()
                && !(target.asText().startsWith("http://") || target.asText().startsWith("https://"))) {
            return Response.json(400, JsonNodeFactory.instance.objectNode().put("status", "error")
                    .put("message", "target must be an http(s) URL or null"));
        }
        webhooks.target(target.isNull() || target.isMissingNode() ? null : URI.create(target.asText()));
        return Response.json(200, webhookStatus());
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.close();
        }
        server.stop(0);
        executor.shutdownNow();
        if (webhooks != null) {
            webhooks.close();
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs until stopped (Ctrl-C, SIGTERM); prints the endpoints, then {@code READY}. */
    public static void main(String[] args) throws InterruptedException {
        SimulatorSettings settings;
        try {
            settings = SimulatorSettings.from(args);
        } catch (IllegalArgumentException bad) {
            System.err.println("crm-simulator: " + bad.getMessage());
            System.exit(2);
            return;
        }
        long startedAt = System.nanoTime();
        Simulator simulator = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            System.out.println("CRM simulator stopped");
            stopped.countDown();
        }, "simulator-shutdown"));
        String base = "http://localhost:" + simulator.port();
        Company company = simulator.company();
        company.read(c -> {
            System.out.printf("Company of seed %d up to %s: %d contacts, %d accounts, %d deals, %d leads, "
                            + "%d invoices, %d payments%n", c.seed(), c.referenceTime(), c.all(Kind.CONTACT).size(),
                    c.all(Kind.ACCOUNT).size(), c.all(Kind.DEAL).size(), c.all(Kind.LEAD).size(),
                    c.all(Kind.INVOICE).size(), c.all(Kind.PAYMENT).size());
            return null;
        });
        System.out.println("HubSpot API: " + base + " (token URL " + base + "/oauth/v1/token, authorize URL " + base
                + "/oauth/authorize)");
        if (settings.salesforce() != null) {
            System.out.printf("Salesforce org (%.0f %% of the accounts): instance %s (token URL %s/services/oauth2/token, "
                    + "authorize URL %s/services/oauth2/authorize)%n", settings.salesforceShare() * 100, base, base, base);
        }
        if (settings.monday() != null) {
            System.out.printf("monday.com account (%.0f %% of the accounts): POST %s/v2, personal API token %s%n",
                    settings.mondayShare() * 100, base, settings.monday().apiToken());
        }
        System.out.println("Ground truth: " + base + "/_simulator/truth/deals, status: " + base + "/_simulator");
        System.out.println("Activity: " + (settings.activityPerMinute() > 0 ? settings.activityPerMinute()
                + " events per minute, " + simulator.caughtUp + " caught up since the reference time" : "off"));
        LOG.log(System.Logger.Level.INFO, "Started in {0} ms", Duration.ofNanos(System.nanoTime() - startedAt)
                .toMillis());
        System.out.println("READY");
        stopped.await();
    }
}

package dev.ledgerline.ledger.quickbooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevTokens;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerDb;
import dev.ledgerline.devstack.TopicInput;
import dev.ledgerline.ledger.Wire;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QuickBooks push throughput against a WireMock company that answers 429 beyond 500 requests in any 60 s and takes
 * {@code bench.qbo.latency-ms} (150) per answer: {@code bench.qbo.invoices} invoices (1,000) of one customer and one
 * item are posted, then pushed by rounds of the worker; the rate is the requests answered per minute between the
 * first and the last, against the bound. Not part of the test suite: {@code mvn -B -pl ledger-sync-service -am verify
 * -Pbenchmark -Dtest=QuickBooksPushBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} (BENCHMARKS.md).
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class QuickBooksPushBenchmark {
    @BeforeAll
    static void sendAdminTokens() {
        DevTokens.sendWithEveryRequest("admin");
    }

    private static final int INVOICES = Integer.getInteger("bench.qbo.invoices", 1_000);
    private static final int LATENCY_MS = Integer.getInteger("bench.qbo.latency-ms", 150);
    private static final int BOUND = 500;

    @Inject
    DataSource dataSource;
    @Inject
    QuickBooksWorker worker;

    @Test
    void requestsPerMinuteAgainstTheBound() throws Exception {
        String tenant = "bench-qbo-" + UUID.randomUUID().toString().substring(0, 6);
        LedgerDb db = new LedgerDb(dataSource);
        try (FakeQuickBooks quickBooks = new FakeQuickBooks(); TopicInput input = new TopicInput()) {
            quickBooks.enforceRequestsPerMinute(BOUND);
            quickBooks.latency(LATENCY_MS);
            Map<String, Object> settings = quickBooks.companySettings();
            // Disabled while the documents are posted, so that the push is timed alone.
            settings.put("enabled", false);
            given().contentType(ContentType.JSON).body(settings).put("/api/tenants/{tenant}/quickbooks", tenant)
                    .then().statusCode(200);

            input.send(Wire.connection(tenant));
            input.send(Wire.item(tenant, "item-1", "Consulting day", "p-1", "400.00", "EUR"));
            for (int i = 0; i < INVOICES; i++) {
                input.sendAsync(Wire.invoice(tenant, "inv-" + i).line("p-1", Integer.toString(1 + i % 5), "120.00", "0.05", "0.19")
                        .build());
            }
            input.flush();
            Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> db.count("select count(*) from ledger_document where tenant_id = ?", tenant) == INVOICES);

            settings.put("enabled", true);
            given().contentType(ContentType.JSON).body(settings).put("/api/tenants/{tenant}/quickbooks", tenant)
                    .then().statusCode(200);
            long started = System.nanoTime();
            while (db.count("select count(*) from qbo_sync where tenant_id = ? and state = 'SYNCED'", tenant) < INVOICES + 2) {
                worker.runOnce();
                assertThat(System.nanoTime() - started).isLessThan(Duration.ofHours(1).toNanos());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long requests = quickBooks.requests().stream().filter(request -> request.contains("/v3/company/")).count();
            double perMinute = requests / seconds * 60;
            assertThat(quickBooks.objects("Invoice")).hasSize(INVOICES);
            String line = String.format("%s invoices=%d latency=%dms requests=%d throttled=%d seconds=%.1f"
                            + " requests/min=%.1f ratio=%.3f", LocalDate.now(), INVOICES, LATENCY_MS, requests,
                    quickBooks.throttledAnswers(), seconds, perMinute, perMinute / BOUND);
            System.out.println("BENCHMARK quickbooks-push " + line);
            Path report = Path.of("target", "benchmarks", "quickbooks-push.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}

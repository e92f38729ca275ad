package dev.ledgerline.ledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerDb;
import dev.ledgerline.devstack.TopicInput;
import dev.ledgerline.ledger.Wire;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Documents posted per second for {@code bench.invoices} invoices and as many payments (100,000 each by default) of
 * {@code bench.tenants} tenants (20), published on the real topics and posted by the running service into the real
 * PostgreSQL: each invoice (two lines, a discount, 19 % tax) is an INVOICE document, each payment (its full amount)
 * a PAYMENT document. Not part of the test suite: {@code mvn -B -pl ledger-sync-service -am verify -Pbenchmark
 * -Dtest='*Benchmark' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} (see BENCHMARKS.md).
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerPostingBenchmark {
    private static final int INVOICES = Integer.getInteger("bench.invoices", 100_000);
    private static final int TENANTS = Integer.getInteger("bench.tenants", 20);

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "ledgerline.consumer.threads")
    int threads;

    @Test
    void documentsPostedPerSecond() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            tenants.add("bench-" + run + "-" + t);
        }
        LedgerDb db = new LedgerDb(dataSource);
        long produceStarted = System.nanoTime();
        try (TopicInput input = new TopicInput()) {
            tenants.forEach(tenant -> input.send(Wire.connection(tenant)));
            for (int i = 0; i < INVOICES; i++) {
                String tenant = tenants.get(i % TENANTS);
                String id = "inv-" + i;
                Wire.Input invoice = Wire.invoice(tenant, id).customer("Customer " + (i % 500), "c" + (i % 500) + "@example.com")
                        .line("p-1", Integer.toString(1 + i % 7), "120.00", "0.05", "0.19")
                        .line("p-2", "1", "35.50", null, "0.19").build();
                input.sendAsync(invoice);
                String total = ((dev.ledgerline.wire.Invoice) invoice.value()).getTotal().getAmount().toPlainString();
                input.sendAsync(Wire.payment(tenant, "pay-" + i).invoice(id).amount(total, "EUR").build());
            }
            input.flush();
        }
        double produceSeconds = (System.nanoTime() - produceStarted) / 1e9;

        String[] benchTenants = tenants.toArray(String[]::new);
        long expected = 2L * INVOICES;
        Awaitility.await().atMost(Duration.ofHours(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> db.count("select count(*) from ledger_document where tenant_id = any(?)",
                        (Object) benchTenants) >= expected);
        double wallSeconds = (System.nanoTime() - produceStarted) / 1e9;

        Map<String, Object> window = db.rows("""
                select count(*) as documents, min(posted_at) as first, max(posted_at) as last,
                       count(*) filter (where kind = 'INVOICE') as invoices,
                       count(*) filter (where kind = 'PAYMENT') as payments
                  from ledger_document where tenant_id = any(?)""", (Object) benchTenants).get(0);
        assertThat(((Number) window.get("invoices")).longValue()).isEqualTo(INVOICES);
        assertThat(((Number) window.get("payments")).longValue()).isEqualTo(INVOICES);
        for (String tenant : tenants) {
            assertThat(db.balance(tenant, "ACCOUNTS_RECEIVABLE", "EUR")).isZero();
        }
        double postingSeconds = (((Timestamp) window.get("last")).getTime() - ((Timestamp) window.get("first")).getTime()) / 1e3;
        String line = String.format("%s invoices=%d payments=%d tenants=%d threads=%d produce=%.1fs posting=%.1fs wall=%.1fs"
                        + " documents/s=%.0f records/s=%.0f", LocalDate.now(), INVOICES, INVOICES, TENANTS,
                threads, produceSeconds, postingSeconds, wallSeconds,
                expected / postingSeconds, (expected + TENANTS) / postingSeconds);
        System.out.println("BENCHMARK ledger-posting " + line);
        Path report = Path.of("target", "benchmarks", "ledger-posting.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

package dev.ledgerline.ledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerDb;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordProcessor;
import dev.ledgerline.schemas.AvroRecordSerializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random invoice and payment histories (out-of-order updates, duplicates, voids, partial and over payments, refunds,
 * deletions), fed to the record processor against the real database. After each: every entry balances, each
 * currency's trial balance is zero, the receivables per customer equal the open balances of its invoices, and every
 * account holds what a plain reference computation over the latest version of each record says. Replaying the whole
 * history in another order changes nothing.
 *
 * <p>The seed is in the test name and printed; replay one with {@code -Dledger.history.seed=N}.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class LedgerHistoryPropertyTest {
    @Inject
    RecordProcessor processor;
    @Inject
    DataSource dataSource;

    private final AvroRecordSerializer serializer = new AvroRecordSerializer();
    private long offset;

    static Stream<Long> seeds() {
        String replay = System.getProperty("ledger.history.seed");
        if (replay != null) {
            return Stream.of(Long.parseLong(replay));
        }
        return LongStream.rangeClosed(1, 12).map(i -> i * 7919).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theLedgerAgreesWithTheReferenceWhateverTheOrder(long seed) {
        System.out.println("LedgerHistoryPropertyTest seed " + seed + " (replay with -Dledger.history.seed=" + seed + ")");
        String tenant = "h-" + seed + "-" + System.nanoTime() % 100000;
        History history = new History(tenant, seed);
        List<Wire.Input> delivery = history.delivery();
        LedgerDb db = new LedgerDb(dataSource);

        delivery.forEach(this::process);

        History.Expected expected = history.expected(delivery);
        db.assertBalanced(tenant);
        for (String currency : List.of("EUR", "USD", "JPY")) {
            assertThat(db.balance(tenant, "ACCOUNTS_RECEIVABLE", currency)).as(currency + " receivable")
                    .isEqualByComparingTo(expected.balance(currency, "ACCOUNTS_RECEIVABLE"));
            assertThat(db.balance(tenant, "UNDEPOSITED_FUNDS", currency)).as(currency + " undeposited funds")
                    .isEqualByComparingTo(expected.balance(currency, "UNDEPOSITED_FUNDS"));
            assertThat(db.balance(tenant, "CUSTOMER_CREDIT", currency).negate()).as(currency + " customer credit")
                    .isEqualByComparingTo(expected.balance(currency, "CUSTOMER_CREDIT"));
            assertThat(db.balance(tenant, "SALES_TAX_PAYABLE", currency).negate()).as(currency + " sales tax")
                    .isEqualByComparingTo(expected.balance(currency, "SALES_TAX_PAYABLE"));
            assertThat(db.balance(tenant, "SALES_REVENUE", currency).add(db.balance(tenant, "DISCOUNTS", currency))
                    .negate()).as(currency + " revenue net of discounts")
                    .isEqualByComparingTo(expected.balance(currency, "NET_REVENUE"));
        }
        assertThat(openBalancesByEmail(db, tenant)).as("open balances per customer")
                .isEqualTo(nonZero(expected.openBalances));

        List<Map<String, Object>> documents = documents(db, tenant);
        List<Wire.Input> again = new ArrayList<>(delivery);
        Collections.shuffle(again, new Random(seed + 1));
        again.forEach(this::process);
        assertThat(documents(db, tenant)).as("documents after replaying the history").isEqualTo(documents);
    }

    private Outcome process(Wire.Input input) {
        byte[] value = serializer.serialize(input.topic(), input.value());
        return processor.process(new ConsumerRecord<>(input.topic(), 0, offset++,
                input.key().getBytes(StandardCharsets.UTF_8), value));
    }

    private static Map<String, BigDecimal> openBalancesByEmail(LedgerDb db, String tenant) {
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        db.rows("""
                select c.email || '/' || i.currency as key, sum(i.open_balance) as amount
                  from ledger_invoice i join ledger_customer c on c.id = i.customer
                 where i.tenant_id = ? group by 1""", tenant)
                .forEach(row -> balances.put((String) row.get("key"), (BigDecimal) row.get("amount")));
        return nonZero(balances);
    }

    private static Map<String, BigDecimal> nonZero(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> kept = new java.util.TreeMap<>();
        amounts.forEach((key, amount) -> {
            if (amount.signum() != 0) {
                kept.put(key, amount.stripTrailingZeros());
            }
        });
        return kept;
    }

    private static List<Map<String, Object>> documents(LedgerDb db, String tenant) {
        return db.rows("select id, kind, total, revision from ledger_document where tenant_id = ? order by seq", tenant);
    }
}

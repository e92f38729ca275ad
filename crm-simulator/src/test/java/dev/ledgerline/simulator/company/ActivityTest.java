package dev.ledgerline.simulator.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The company's ongoing activity: the same events for the same seed, each one a consistent change of the CRM. */
class ActivityTest {
    private static final CompanySize SIZE = new CompanySize(300, 600, 4);
    private static final int EVENTS = 1500;

    static Stream<Long> seeds() {
        return CompanyGeneratorTest.seeds();
    }

    private static List<Change> run(Company company, int events, Instant from) {
        Activity activity = new Activity(company, new SimpleDuplicates());
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            changes.addAll(activity.next(from.plusSeconds(10L * (i + 1))));
        }
        return changes;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameEventsAtTheSameTimesMakeTheSameCompany(long seed) {
        Company first = CompanyGeneratorTest.generate(seed, SIZE);
        Company second = CompanyGeneratorTest.generate(seed, SIZE);
        run(first, 300, CompanyGeneratorTest.REFERENCE);
        // The same events in two runs, as after a restart that catches up.
        Activity resumed = new Activity(second, new SimpleDuplicates());
        for (int i = 0; i < 300; i++) {
            resumed.next(CompanyGeneratorTest.REFERENCE.plusSeconds(10L * (i + 1)));
        }
        assertThat(Snapshot.of(second)).isEqualTo(Snapshot.of(first));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyChangeIsVisibleInTheRecordItNamesAtTheTimeItHappened(long seed) {
        Company company = CompanyGeneratorTest.generate(seed, SIZE);
        Instant start = CompanyGeneratorTest.REFERENCE;
        List<Change> changes = run(company, EVENTS, start);
        Map<Change.Type, Integer> types = new EnumMap<>(Change.Type.class);
        for (Change change : changes) {
            types.merge(change.type(), 1, Integer::sum);
            Entity entity = company.get(change.kind(), change.id());
            assertThat(entity).as("%s", change).isNotNull();
            assertThat(change.at()).isAfter(start).isBeforeOrEqualTo(start.plusSeconds(10L * EVENTS));
            switch (change.type()) {
                case CREATED -> assertThat(entity.createdAt()).isEqualTo(change.at());
                case UPDATED -> assertThat(entity.modifiedAt()).as("%s", change).isAfterOrEqualTo(change.at());
                case ARCHIVED -> {
                    assertThat(entity.archived()).isTrue();
                    assertThat(entity.modifiedAt()).as("archiving keeps the last modification").isBefore(change.at());
                }
            }
        }
        assertThat(types).containsKeys(Change.Type.CREATED, Change.Type.UPDATED, Change.Type.ARCHIVED);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aWinOnDemandClosesAnOpenDealAsWonAtThatTime(long seed) {
        Company company = CompanyGeneratorTest.generate(seed, SIZE);
        Activity activity = new Activity(company, new SimpleDuplicates());
        Instant at = CompanyGeneratorTest.REFERENCE.plusSeconds(60);
        for (int i = 0; i < 20; i++) {
            List<Change> changes = activity.next(at.plusSeconds(i), Activity.Event.WIN);
            Change won = changes.stream().filter(change -> change.kind() == Kind.DEAL).findFirst().orElseThrow();
            Deal deal = company.get(Kind.DEAL, won.id());
            assertThat(won.type()).isEqualTo(Change.Type.UPDATED);
            assertThat(won.fields()).contains(Field.STAGE);
            assertThat(deal.stage()).isEqualTo(DealStage.WON);
            assertThat(deal.closedAt()).isEqualTo(at.plusSeconds(i));
        }
        assertThat(activity.applied()).isEqualTo(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void activityWinsLosesInvoicesAndPaysConsistently(long seed) {
        Company company = CompanyGeneratorTest.generate(seed, SIZE);
        Map<Kind, Integer> before = counts(company);
        List<Change> changes = run(company, EVENTS, CompanyGeneratorTest.REFERENCE);
        Map<Kind, Integer> after = counts(company);
        assertThat(after.get(Kind.LEAD)).isGreaterThan(before.get(Kind.LEAD));
        assertThat(after.get(Kind.CONTACT)).isGreaterThan(before.get(Kind.CONTACT));
        assertThat(after.get(Kind.DEAL)).isGreaterThan(before.get(Kind.DEAL));
        assertThat(after.get(Kind.INVOICE)).isGreaterThan(before.get(Kind.INVOICE));
        assertThat(after.get(Kind.PAYMENT)).isGreaterThan(before.get(Kind.PAYMENT));
        for (Change change : changes) {
            if (change.kind() == Kind.DEAL && change.fields().contains(Field.STAGE)) {
                Deal deal = company.get(Kind.DEAL, change.id());
                List<StageChange> history = deal.history();
                for (int i = 1; i < history.size(); i++) {
                    assertThat(history.get(i).at()).isAfter(history.get(i - 1).at());
                    assertThat(history.get(i - 1).stage().closed()).isFalse();
                }
            }
        }
        for (Invoice invoice : company.<Invoice>all(Kind.INVOICE).values()) {
            assertThat(invoice.paid()).isLessThanOrEqualTo(invoice.billed());
            assertThat(invoice.status() == InvoiceStatus.PAID).isEqualTo(invoice.balance().signum() == 0);
        }
        long newDuplicates = changes.stream().filter(change -> change.kind() == Kind.CONTACT
                        && change.type() == Change.Type.CREATED)
                .map(change -> company.<Contact>get(Kind.CONTACT, change.id()))
                .filter(contact -> contact.duplicateOf() != null)
                .peek(contact -> assertThat(company.<Contact>get(Kind.CONTACT, contact.duplicateOf()).duplicateOf())
                        .isNull())
                .count();
        assertThat(newDuplicates).as("people entered again by activity").isPositive();
    }

    private static Map<Kind, Integer> counts(Company company) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, company.all(kind).size());
        }
        return counts;
    }
}

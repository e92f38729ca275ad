package dev.ledgerline.simulator.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated company: the same for a seed, and what a CRM of a mid-sized B2B seller looks like after 18 months,
 * checked record by record on companies of several seeds (replay one with {@code -Dsimulator.seed=N}).
 */
class CompanyGeneratorTest {
    static final Instant REFERENCE = Instant.parse("2026-03-15T09:30:00Z");
    private static final CompanySize SIZE = new CompanySize(600, 1500, 12);

    private static final long RANDOM_SEED = System.nanoTime();

    static {
        System.out.println("simulator tests' random seed " + RANDOM_SEED + " (replay with -Dsimulator.seed="
                + RANDOM_SEED + ")");
    }

    /** Two fixed seeds and a random one, or the one to replay. */
    static Stream<Long> seeds() {
        String replay = System.getProperty("simulator.seed");
        return replay != null ? Stream.of(Long.parseLong(replay)) : Stream.of(1L, 42L, RANDOM_SEED);
    }

    static Company generate(long seed, CompanySize size) {
        return CompanyGenerator.generate(seed, REFERENCE, size, new SimpleDuplicates());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameSeedAndReferenceTimeMakeTheSameCompany(long seed) {
        assertThat(Snapshot.of(generate(seed, SIZE))).isEqualTo(Snapshot.of(generate(seed, SIZE)));
        assertThat(Snapshot.of(generate(seed + 1, SIZE))).isNotEqualTo(Snapshot.of(generate(seed, SIZE)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theCompanyHasTheRequestedSizeAndNothingHappensAfterTheReferenceTime(long seed) {
        Company company = generate(seed, SIZE);
        assertThat(company.all(Kind.CONTACT)).hasSize(SIZE.contacts());
        assertThat(company.all(Kind.DEAL)).hasSize(SIZE.deals());
        assertThat(company.all(Kind.LEAD)).hasSize(SIZE.leads());
        assertThat(company.all(Kind.ACCOUNT)).hasSize(SIZE.accounts());
        assertThat(company.all(Kind.OWNER)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(company.all(Kind.PRODUCT)).hasSize(Vocabulary.CATALOGUE.size());
        for (Kind kind : Kind.values()) {
            for (Entity entity : company.all(kind).values()) {
                assertThat(entity.createdAt()).as("%s %s", kind, entity.id()).isBeforeOrEqualTo(REFERENCE);
                assertThat(entity.modifiedAt()).as("%s %s", kind, entity.id()).isBetween(entity.createdAt(), REFERENCE);
                if (entity.archived()) {
                    assertThat(entity.archivedAt()).isBetween(entity.createdAt(), REFERENCE);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dealsMoveThroughThePipelineOverTheLast18Months(long seed) {
        Company company = generate(seed, SIZE);
        List<Deal> deals = List.copyOf(company.<Deal>all(Kind.DEAL).values());
        Instant historyStart = REFERENCE.minus(CompanyGenerator.HISTORY);
        for (Deal deal : deals) {
            assertThat(deal.createdAt()).as("deal %s", deal.id()).isAfterOrEqualTo(historyStart);
            List<StageChange> history = deal.history();
            if (history.isEmpty()) {
                assertThat(deal.category()).isEqualTo(StageCategory.OPEN);
                assertThat(deal.probability()).isNull();
                continue;
            }
            assertThat(history.get(0).at()).isEqualTo(deal.createdAt());
            assertThat(history.get(0).stage()).isIn(DealStage.FIRST_MEETING, DealStage.QUALIFIED);
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).at()).as("deal %s", deal.id()).isAfter(history.get(i - 1).at());
                assertThat(history.get(i - 1).stage().closed()).as("deal %s moved on after closing", deal.id())
                        .isFalse();
                assertThat(history.get(i).stage().ordinal()).isGreaterThan(history.get(i - 1).stage().ordinal());
            }
            if (deal.category() != StageCategory.OPEN) {
                assertThat(deal.closedAt()).isEqualTo(history.get(history.size() - 1).at());
                assertThat(deal.expectedCloseDate()).isEqualTo(deal.closedAt().atZone(java.time.ZoneOffset.UTC)
                        .toLocalDate());
            } else {
                assertThat(deal.closedAt()).isNull();
            }
            if (deal.lossReason() != null) {
                assertThat(deal.category()).isEqualTo(StageCategory.LOST);
            }
        }
        Map<StageCategory, Long> categories = deals.stream()
                .collect(Collectors.groupingBy(Deal::category, Collectors.counting()));
        long won = categories.getOrDefault(StageCategory.WON, 0L);
        long lost = categories.getOrDefault(StageCategory.LOST, 0L);
        assertThat((double) won / (won + lost)).as("win rate").isBetween(0.2, 0.45);
        assertThat(categories.get(StageCategory.OPEN)).as("open deals").isBetween(deals.size() / 20L,
                deals.size() / 2L);
        assertThat(deals.stream().filter(deal -> deal.stage() == null)).hasSize(SIZE.dealsWithoutStage());
        assertThat(deals.stream().filter(deal -> !deal.inPipeline())).hasSize(SIZE.dealsWithoutStage() / 2);
        assertThat(deals.stream().filter(deal -> deal.amount() == null).count()).as("deals without amount")
                .isBetween(deals.size() / 50L, deals.size() / 8L);
        assertThat(deals.stream().filter(deal -> deal.lossReason() != null).count()).isPositive();
        assertThat(deals.stream().filter(Entity::archived).count()).as("deleted deals").isBetween(1L, deals.size() / 30L);
        assertThat(deals.stream().map(Deal::currency).distinct()).contains("USD", "EUR", "GBP");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void amountsAreTheSumOfTheLineItemsAndConvertAtTheCompanysRates(long seed) {
        Company company = generate(seed, SIZE);
        for (Deal deal : company.<Deal>all(Kind.DEAL).values()) {
            if (!deal.lineItemIds().isEmpty()) {
                BigDecimal lines = deal.lineItemIds().stream()
                        .map(id -> company.<LineItem>get(Kind.LINE_ITEM, id).amount())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(deal.amount()).as("deal %s", deal.id()).isEqualByComparingTo(lines);
                deal.lineItemIds().forEach(id -> assertThat(company.<LineItem>get(Kind.LINE_ITEM, id).currency())
                        .isEqualTo(deal.currency()));
            }
            if (deal.amount() == null) {
                assertThat(deal.amountInHomeCurrency()).isNull();
            } else if (deal.currency().equals(Company.HOME_CURRENCY)) {
                assertThat(deal.amountInHomeCurrency()).isEqualByComparingTo(deal.amount());
            } else {
                BigDecimal rate = deal.amountInHomeCurrency().divide(deal.amount(), 6, RoundingMode.HALF_UP);
                assertThat(rate).isEqualByComparingTo(deal.currency().equals("EUR") ? "1.084112" : "1.266544");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dealsBelongToPeopleAndRepsThatExistedWhenTheyWereMade(long seed) {
        Company company = generate(seed, SIZE);
        for (Deal deal : company.<Deal>all(Kind.DEAL).values()) {
            assertThat(deal.contactIds()).isNotEmpty();
            for (long id : deal.contactIds()) {
                assertThat(company.<Contact>get(Kind.CONTACT, id).createdAt()).as("deal %s contact %s", deal.id(), id)
                        .isBeforeOrEqualTo(deal.createdAt());
            }
            Contact primary = company.get(Kind.CONTACT, deal.contactIds().get(0));
            assertThat(deal.accountId()).isEqualTo(primary.accountId());
            if (deal.ownerId() != null) {
                Owner owner = company.get(Kind.OWNER, deal.ownerId());
                assertThat(owner.createdAt()).isBeforeOrEqualTo(deal.createdAt());
                if (owner.archived()) {
                    assertThat(owner.archivedAt()).as("deal %s of a rep who had left", deal.id())
                            .isAfter(deal.createdAt());
                }
            }
            if (deal.category() == StageCategory.WON) {
                assertThat(primary.lifecycleStage()).isEqualTo(LifecycleStage.CUSTOMER);
            }
        }
        assertThat(company.<Owner>all(Kind.OWNER).values().stream().filter(Entity::archived).count())
                .as("reps who left").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void somePeopleAreEnteredTwiceAndTheGroundTruthSaysWho(long seed) {
        Company company = generate(seed, SIZE);
        Map<Long, Contact> contacts = company.all(Kind.CONTACT);
        List<Contact> duplicates = contacts.values().stream().filter(contact -> contact.duplicateOf() != null)
                .toList();
        assertThat((double) duplicates.size() / contacts.size()).as("share of duplicate records")
                .isBetween(0.02, 0.12);
        for (Contact duplicate : duplicates) {
            Contact original = contacts.get(duplicate.duplicateOf());
            assertThat(original.duplicateOf()).as("points at the person's first record").isNull();
            assertThat(duplicate.createdAt()).isAfter(original.createdAt());
            assertThat(duplicate.accountId()).isEqualTo(original.accountId());
            boolean alike = Objects.equals(duplicate.email(), original.email())
                    || duplicate.additionalEmails().contains(original.email())
                    || duplicate.email().equalsIgnoreCase(original.email())
                    || duplicate.lastName().equals(original.lastName());
            assertThat(alike).as("contact %s looks like %s", duplicate.id(), original.id()).isTrue();
        }
        for (Contact contact : contacts.values()) {
            if (contact.accountId() != null) {
                assertThat(contact.createdAt()).isAfter(company.get(Kind.ACCOUNT, contact.accountId()).createdAt());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void leadsAreWorkedAndQualifiedOnesTurnIntoDeals(long seed) {
        Company company = generate(seed, SIZE);
        Map<LeadStatus, Long> statuses = company.<Lead>all(Kind.LEAD).values().stream()
                .collect(Collectors.groupingBy(Lead::status, Collectors.counting()));
        assertThat(statuses.keySet()).contains(LeadStatus.QUALIFIED, LeadStatus.UNQUALIFIED, LeadStatus.ATTEMPTING);
        for (Lead lead : company.<Lead>all(Kind.LEAD).values()) {
            assertThat(company.<Contact>get(Kind.CONTACT, lead.contactId()).createdAt())
                    .isBeforeOrEqualTo(lead.createdAt());
            if (lead.dealId() != null) {
                Deal deal = company.get(Kind.DEAL, lead.dealId());
                assertThat(lead.status()).isEqualTo(LeadStatus.QUALIFIED);
                assertThat(deal.contactIds().get(0)).isEqualTo(lead.contactId());
                assertThat(deal.createdAt()).isEqualTo(lead.modifiedAt());
            }
        }
        assertThat(company.<Lead>all(Kind.LEAD).values().stream().filter(lead -> lead.dealId() != null).count())
                .isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void wonDealsAreInvoicedAndPaid(long seed) {
        Company company = generate(seed, SIZE);
        Map<Long, List<Payment>> paymentsByInvoice = company.<Payment>all(Kind.PAYMENT).values().stream()
                .filter(payment -> payment.invoiceId() != null)
                .collect(Collectors.groupingBy(Payment::invoiceId));
        for (Invoice invoice : company.<Invoice>all(Kind.INVOICE).values()) {
            Deal deal = company.get(Kind.DEAL, invoice.dealId());
            assertThat(deal.category()).isEqualTo(StageCategory.WON);
            assertThat(invoice.createdAt()).isAfterOrEqualTo(deal.closedAt());
            assertThat(invoice.billed()).isEqualByComparingTo(deal.amount());
            assertThat(invoice.currency()).isEqualTo(deal.currency());
            assertThat(invoice.lineItemIds()).hasSameSizeAs(deal.lineItemIds()).doesNotContainAnyElementsOf(
                    deal.lineItemIds());
            BigDecimal settled = paymentsByInvoice.getOrDefault(invoice.id(), List.of()).stream()
                    .filter(payment -> payment.status() != PaymentStatus.FAILED).map(Payment::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(invoice.paid()).as("invoice %s", invoice.number()).isEqualByComparingTo(settled);
            assertThat(invoice.paid()).isLessThanOrEqualTo(invoice.billed());
            assertThat(invoice.status() == InvoiceStatus.PAID).isEqualTo(invoice.balance().signum() == 0);
            assertThat(invoice.paidAt() != null).isEqualTo(invoice.status() == InvoiceStatus.PAID);
            for (Payment payment : paymentsByInvoice.getOrDefault(invoice.id(), List.of())) {
                assertThat(payment.initiatedAt()).isAfter(invoice.createdAt());
                assertThat(payment.dealId()).isEqualTo(deal.id());
            }
        }
        Map<InvoiceStatus, Long> statuses = company.<Invoice>all(Kind.INVOICE).values().stream()
                .collect(Collectors.groupingBy(Invoice::status, Collectors.counting()));
        assertThat(statuses.keySet()).contains(InvoiceStatus.PAID, InvoiceStatus.OPEN);
        assertThat(company.<Payment>all(Kind.PAYMENT).values().stream().map(Payment::source).distinct())
                .containsExactlyInAnyOrder(PaymentSource.INVOICE, PaymentSource.CHECKOUT);
        List<String> numbers = company.<Invoice>all(Kind.INVOICE).values().stream().map(Invoice::number).toList();
        assertThat(numbers).doesNotHaveDuplicates();
    }

    @Test
    void idsGrowWithCreationTime() {
        Company company = generate(7, SIZE);
        for (Kind kind : List.of(Kind.CONTACT, Kind.DEAL, Kind.LEAD, Kind.INVOICE, Kind.PAYMENT)) {
            List<Instant> created = company.all(kind).values().stream().map(Entity::createdAt).toList();
            assertThat(created).as("%s", kind).isSorted();
        }
        Map<Long, Deal> deals = company.all(Kind.DEAL);
        assertThat(LongStream.range(0, deals.size()).map(i -> Kind.DEAL.firstId() + i).boxed())
                .containsExactlyElementsOf(deals.keySet());
    }
}

package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Generates a company's CRM history up to a reference time, the same for the same seed, reference time and size:
 * owners in teams (some who have left), the product catalogue, accounts and their contacts (with duplicates from a
 * {@link PeopleSource}), leads worked from new to qualified or not, deals over the last 18 months moving through the
 * pipeline (won, lost, still open, stalled; some without a stage), invoices for won deals with their payments, and
 * payments at a checkout. Each part draws from its own random stream, so that a change to one part leaves the others
 * as they were.
 */
public final class CompanyGenerator {
    /** How far back deals and leads go. */
    public static final Duration HISTORY = Duration.ofDays(548);
    /** How long the company has had customers: accounts and contacts go this far back. */
    static final Duration COMPANY_AGE = Duration.ofDays(3 * 365);

    private static final double WIN_SHARE = 0.3;
    private static final double LOSS_SHARE = 0.6;
    private static final double STAGE_SKIP_SHARE = 0.15;
    private static final double ARCHIVED_DEAL_SHARE = 0.01;
    private static final double CHECKOUT_SHARE = 0.3;

    private final long seed;
    private final Instant reference;
    private final CompanySize size;
    private final PeopleSource people;
    private final Company company;
    private final DealMaker deals;
    private final List<Contact> contactsByCreation = new ArrayList<>();
    private Instant[] contactTimes = new Instant[0];

    private CompanyGenerator(long seed, Instant reference, CompanySize size, PeopleSource people) {
        this.seed = seed;
        this.reference = reference;
        this.size = size;
        this.people = people;
        List<Team> teams = new ArrayList<>();
        for (int i = 0; i < Vocabulary.TEAMS.size(); i++) {
            teams.add(new Team(368_389 + i, Vocabulary.TEAMS.get(i)));
        }
        this.company = new Company(seed, reference, teams);
        this.deals = new DealMaker(company);
    }

    /** The company as it stands at {@code referenceTime} (to the millisecond). */
    public static Company generate(long seed, Instant referenceTime, CompanySize size, PeopleSource people) {
        CompanyGenerator generator = new CompanyGenerator(seed, referenceTime.truncatedTo(ChronoUnit.MILLIS), size,
                people);
        generator.owners();
        generator.products();
        generator.accounts();
        generator.contacts();
        generator.leadsAndDeals();
        generator.commerce();
        generator.lifecycleStages();
        return generator.company;
    }

    /** A random stream of its own for each part of the company. */
    private Random phase(String name) {
        return new Random(seed * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    private Instant earliest() {
        return reference.minus(COMPANY_AGE);
    }

    private void owners() {
        Random random = phase("owners");
        int count = size.owners();
        List<Instant> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant day = reference.minus(Duration.ofDays(400 + random.nextInt(900)));
            joined.add(Timing.officeHours(random, day, reference, day));
        }
        Collections.sort(joined);
        Set<String> names = new HashSet<>();
        List<Owner> owners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String first;
            String last;
            do {
                first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
                last = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
            } while (!names.add(first + " " + last));
            Owner owner = new Owner(company.nextId(Kind.OWNER), joined.get(i), 9_586_500L + i, first, last,
                    Vocabulary.slug(first) + "." + Vocabulary.slug(last) + "@" + Vocabulary.SELLER_DOMAIN,
                    company.teams().get(i % company.teams().size()));
            company.add(Kind.OWNER, owner);
            owners.add(owner);
        }
        // Reps leave; their deals keep them as owner, as in a CRM where nobody reassigned them.
        int leavers = count >= 4 ? Math.max(1, count / 8) : 0;
        List<Owner> candidates = new ArrayList<>(owners.subList(3, count));
        Collections.shuffle(candidates, random);
        for (Owner leaver : candidates.subList(0, Math.min(leavers, candidates.size()))) {
            Instant left = reference.minus(Duration.ofDays(60 + random.nextInt(210)));
            leaver.archive(left);
            leaver.touch(left);
        }
    }

    /** The preferred rep when they worked at the company at {@code at}, else another who did. */
    private Long ownerAt(Random random, Long preferred, Instant at) {
        Owner owner = preferred == null ? null : company.get(Kind.OWNER, preferred);
        boolean working = owner != null && !owner.createdAt().isAfter(at)
                && (!owner.archived() || owner.archivedAt().isAfter(at));
        return working ? preferred : ownerAt(random, at);
    }

    /** A rep who worked at the company at {@code at}; any current one if none did. */
    private Long ownerAt(Random random, Instant at) {
        List<Owner> owners = company.<Owner>all(Kind.OWNER).values().stream()
                .filter(owner -> !owner.createdAt().isAfter(at))
                .filter(owner -> !owner.archived() || owner.archivedAt().isAfter(at)).toList();
        if (owners.isEmpty()) {
            owners = company.<Owner>all(Kind.OWNER).values().stream().filter(owner -> !owner.archived()).toList();
        }
        return Vocabulary.pick(random, owners).id();
    }

    private void products() {
        Instant launched = earliest();
        for (Vocabulary.ProductSpec spec : Vocabulary.CATALOGUE) {
            company.add(Kind.PRODUCT, new Product(company.nextId(Kind.PRODUCT), launched, spec.name(), spec.sku(),
                    spec.description(), new BigDecimal(spec.price()), new BigDecimal(spec.unitCost()),
                    spec.recurring()));
            launched = launched.plus(Duration.ofDays(23));
        }
    }

    private void accounts() {
        Random random = phase("accounts");
        int count = size.accounts();
        List<Instant> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(Timing.growing(random, earliest(), reference, 2.0));
        }
        Collections.sort(created);
        Set<String> names = new HashSet<>();
        for (Instant at : created) {
            Vocabulary.Place place = Vocabulary.pick(random, Vocabulary.PLACES);
            String word;
            String kind;
            String base;
            int attempts = 0;
            do {
                word = Vocabulary.pick(random, Vocabulary.COMPANY_WORDS);
                kind = Vocabulary.pick(random, Vocabulary.COMPANY_KINDS);
                base = word + " " + kind + (++attempts > 20 ? " " + place.city() : "");
            } while (!names.add(base));
            String legalForm = Vocabulary.pick(random, Vocabulary.LEGAL_FORMS);
            String domain = Vocabulary.slug(base).replace(' ', '-') + ".example";
            int employees = (int) Math.min(20_000, Math.max(3, Timing.logNormal(random, 60, 1.3)));
            BigDecimal revenue = BigDecimal.valueOf(employees * (80_000L + random.nextInt(120_000)) / 1000 * 1000);
            Instant createdAt = Timing.officeHours(random, at, reference, at);
            company.add(Kind.ACCOUNT, new Account(company.nextId(Kind.ACCOUNT), createdAt,
                    legalForm.isEmpty() ? base : base + " " + legalForm, domain,
                    random.nextInt(10) < 8 ? Vocabulary.phone(random, place) : null,
                    new Address((1 + random.nextInt(180)) + " " + Vocabulary.pick(random, Vocabulary.STREETS),
                            place.city(), place.region(), place.postalCode(), place.country()),
                    random.nextInt(10) < 9 ? Vocabulary.pick(random, Vocabulary.INDUSTRIES) : null,
                    random.nextInt(10) < 7 ? employees : null, random.nextInt(10) < 5 ? revenue : null,
                    random.nextInt(10) < 9 ? ownerAt(random, createdAt) : null));
        }
    }

    private void contacts() {
        Random random = phase("contacts");
        List<Account> accounts = new ArrayList<>(company.<Account>all(Kind.ACCOUNT).values());
        List<Employer> employers = accounts.stream()
                .map(account -> new Employer(account.name(), account.domain(), account.address().country()))
                .toList();
        List<PersonRecord> records = people.people(random, size.contacts(), employers);
        Instant[] created = new Instant[records.size()];
        for (int i = 0; i < records.size(); i++) {
            PersonRecord record = records.get(i);
            Instant lower = earliest();
            if (record.employer() != null) {
                lower = later(lower, accounts.get(record.employer()).createdAt().plus(Duration.ofHours(1)));
            }
            if (record.duplicateOf() != null) {
                // Entered again later: a form filled in once more, an import, a rep who did not search first.
                lower = later(lower, created[record.duplicateOf()].plus(Duration.ofDays(1)));
            }
            lower = lower.isAfter(reference) ? reference : lower;
            Instant at = Timing.growing(random, earliest(), reference, 2.5);
            if (at.isBefore(lower)) {
                at = lower.plusMillis((long) (random.nextDouble() * Duration.between(lower, reference).toMillis()));
            }
            Instant office = Timing.officeHours(random, at, reference, at);
            created[i] = office.isBefore(lower) ? at : office;
        }
        Integer[] order = new Integer[records.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> created[i]));
        long[] ids = new long[records.size()];
        for (int index : order) {
            ids[index] = company.nextId(Kind.CONTACT);
        }
        for (int index : order) {
            PersonRecord record = records.get(index);
            Account account = record.employer() == null ? null : accounts.get(record.employer());
            Long owner = account != null && account.ownerId() != null ? account.ownerId()
                    : random.nextInt(10) < 8 ? ownerAt(random, created[index]) : null;
            Contact contact = new Contact(ids[index], created[index], record, account == null ? null : account.id(),
                    Vocabulary.leadSource(random), owner,
                    record.duplicateOf() == null ? null : ids[record.duplicateOf()]);
            company.add(Kind.CONTACT, contact);
            contactsByCreation.add(contact);
        }
        contactTimes = contactsByCreation.stream().map(Entity::createdAt).toArray(Instant[]::new);
    }

    /** How many contacts existed at {@code at}. */
    private int contactsAt(Instant at) {
        int found = Arrays.binarySearch(contactTimes, at);
        if (found < 0) {
            return -found - 1;
        }
        while (found + 1 < contactTimes.length && contactTimes[found + 1].equals(at)) {
            found++;
        }
        return found + 1;
    }

    /** A contact that existed at {@code at}, mostly a recent one: leads come from people who just got in touch. */
    private Contact recentContact(Random random, Instant at) {
        int existing = Math.max(1, contactsAt(at));
        int back = (int) Math.min(existing - 1, -Math.log(1 - random.nextDouble()) * existing * 0.2);
        return contactsByCreation.get(existing - 1 - back);
    }

    /** A contact that existed at {@code at}, mostly one at an account: the company sells to businesses. */
    private Contact anyContact(Random random, Instant at) {
        int existing = Math.max(1, contactsAt(at));
        Contact contact = contactsByCreation.get(random.nextInt(existing));
        for (int attempt = 0; attempt < 3 && contact.accountId() == null && random.nextDouble() < 0.8; attempt++) {
            contact = contactsByCreation.get(random.nextInt(existing));
        }
        return contact;
    }

    /** A deal to be made: when, for whom, by whom, from where, and the lead it qualified from if any. */
    private record DealSeed(Instant createdAt, Contact contact, Long ownerId, LeadSource source, Lead lead) {
    }

    private void leadsAndDeals() {
        Random random = phase("leads");
        Instant historyStart = reference.minus(HISTORY);
        List<Instant> leadTimes = new ArrayList<>();
        for (int i = 0; i < size.leads(); i++) {
            leadTimes.add(Timing.growing(random, historyStart, reference, 1.6));
        }
        Collections.sort(leadTimes);
        List<DealSeed> seeds = new ArrayList<>();
        for (Instant sampled : leadTimes) {
            Contact contact = recentContact(random, sampled);
            Instant at = later(sampled, contact.createdAt());
            Long owner = ownerAt(random, contact.ownerId(), at);
            Lead lead = new Lead(company.nextId(Kind.LEAD), at, contact.id(), owner, contact.leadSource());
            company.add(Kind.LEAD, lead);
            Instant qualified = workLead(random, lead);
            if (qualified != null && seeds.size() < size.deals()) {
                seeds.add(new DealSeed(qualified, contact, owner, lead.leadSource(), lead));
            }
        }

        Random dealRandom = phase("deals");
        while (seeds.size() < size.deals()) {
            Instant sampled = Timing.growing(dealRandom, historyStart, reference, 1.6);
            Contact contact = anyContact(dealRandom, sampled);
            Instant earliest = later(sampled, contact.createdAt());
            Instant office = Timing.officeHours(dealRandom, earliest, reference, earliest);
            Instant at = office.isBefore(earliest) ? earliest : office;
            Long owner = dealRandom.nextDouble() < 0.7 ? ownerAt(dealRandom, contact.ownerId(), at)
                    : dealRandom.nextDouble() < 0.97 ? ownerAt(dealRandom, at) : null;
            LeadSource source = dealRandom.nextDouble() < 0.6 ? contact.leadSource()
                    : Vocabulary.leadSource(dealRandom);
            seeds.add(new DealSeed(at, contact, owner, source, null));
        }
        seeds.sort(Comparator.comparing(DealSeed::createdAt));

        // Deals created through an integration that set no stage (half of them no pipeline either).
        List<Integer> apiCreated = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.get(i).lead() == null) {
                apiCreated.add(i);
            }
        }
        Collections.shuffle(apiCreated, dealRandom);
        List<Integer> stageless = apiCreated.subList(0, Math.min(size.dealsWithoutStage(), apiCreated.size()));

        Set<Long> customers = new HashSet<>();
        for (int i = 0; i < seeds.size(); i++) {
            DealSeed seed = seeds.get(i);
            Contact contact = seed.contact();
            boolean newBusiness = customers.add(contact.accountId() != null ? contact.accountId() : -contact.id());
            int stagelessRank = stageless.indexOf(i);
            // A lead's rep may have left by the time it qualified: someone else takes the deal.
            Long owner = seed.ownerId() == null ? null : ownerAt(dealRandom, seed.ownerId(), seed.createdAt());
            Deal deal = deals.create(dealRandom, seed.createdAt(), contact, owner, seed.source(),
                    newBusiness, stagelessRank >= 0, stagelessRank >= 0 && stagelessRank % 2 == 0);
            if (seed.lead() != null) {
                seed.lead().deal(deal.id());
            }
            if (deal.stage() != null) {
                moveThroughPipeline(dealRandom, deal);
            }
            if (dealRandom.nextDouble() < ARCHIVED_DEAL_SHARE) {
                Instant from = later(deal.modifiedAt(), reference.minus(Duration.ofDays(60)));
                deal.archive(from.plusMillis((long) (dealRandom.nextDouble()
                        * Duration.between(from, reference).toMillis())));
            }
        }
    }

    /** Works a lead from new towards qualified or unqualified; answers when it was qualified, or null. */
    private Instant workLead(Random random, Lead lead) {
        Instant at = lead.createdAt();
        if (random.nextDouble() >= 0.9) {
            // Junk: spam, students, competitors.
            advance(random, lead, at, 0.5, 5, LeadStatus.UNQUALIFIED);
            return null;
        }
        at = advance(random, lead, at, 0.2, 3, LeadStatus.ATTEMPTING);
        if (at == null) {
            return null;
        }
        if (random.nextDouble() >= 0.7) {
            advance(random, lead, at, 5, 25, LeadStatus.UNQUALIFIED);
            return null;
        }
        at = advance(random, lead, at, 1, 10, LeadStatus.CONNECTED);
        if (at == null) {
            return null;
        }
        if (random.nextDouble() >= 0.5) {
            advance(random, lead, at, 3, 20, LeadStatus.UNQUALIFIED);
            return null;
        }
        return advance(random, lead, at, 2, 14, LeadStatus.QUALIFIED);
    }

    /** Moves the lead to {@code status} some days after {@code from}, unless that is after the reference time. */
    private Instant advance(Random random, Lead lead, Instant from, double minDays, double maxDays,
            LeadStatus status) {
        Instant at = nextStep(random, from, minDays + random.nextDouble() * (maxDays - minDays));
        if (at.isAfter(reference)) {
            return null;
        }
        lead.status(status, at);
        return at;
    }

    /**
     * Moves a deal through the pipeline from its first stage: each deal has a sales cycle (a month typically, longer
     * for enterprise reps, a long tail of slow ones), is won, lost at some stage, or stalls, and steps that would
     * come after the reference time have not happened yet.
     */
    private void moveThroughPipeline(Random random, Deal deal) {
        boolean enterprise = deal.ownerId() != null
                && company.<Owner>get(Kind.OWNER, deal.ownerId()).team().name().equals("Enterprise");
        double cycleDays = Math.min(320, Math.max(2, Timing.logNormal(random, 30, 0.8) * (enterprise ? 1.6 : 1)));
        double outcome = random.nextDouble();
        DealStage close = outcome < WIN_SHARE ? DealStage.WON : outcome < WIN_SHARE + LOSS_SHARE ? DealStage.LOST
                : null;
        List<DealStage> path = new ArrayList<>(List.of(deal.stage()));
        for (DealStage stage = deal.stage().nextOpen(); stage != null; stage = stage.nextOpen()) {
            if (stage == DealStage.CONTRACT_SENT || random.nextDouble() >= STAGE_SKIP_SHARE) {
                path.add(stage);
            }
        }
        if (close == DealStage.LOST) {
            // Most deals are lost early.
            path = path.subList(0, Math.min(path.size(), 1 + (int) (path.size() * Math.pow(random.nextDouble(), 1.6))));
        } else if (close == null) {
            path = path.subList(0, 1 + random.nextInt(path.size()));
        }
        int steps = path.size() - 1 + (close == null ? 0 : 1);
        double[] shares = new double[Math.max(1, steps)];
        double total = 0;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = 0.5 + random.nextDouble();
            total += shares[i];
        }
        LocalDate plannedClose = day(deal.createdAt().plusMillis((long) (cycleDays * (0.8 + 0.4 * random.nextDouble())
                * Duration.ofDays(1).toMillis())));
        deal.expectedCloseDate(plannedClose);
        Instant at = deal.createdAt();
        for (int step = 0; step < steps; step++) {
            at = nextStep(random, at, cycleDays * shares[step] / total);
            if (at.isAfter(reference)) {
                return;
            }
            boolean closing = step == path.size() - 1;
            if (closing) {
                deal.enter(close, at);
                deal.expectedCloseDate(day(at));
                if (close == DealStage.LOST && random.nextDouble() < 0.8) {
                    deal.lose(Vocabulary.pick(random, Vocabulary.LOSS_REASONS));
                }
            } else {
                deal.enter(path.get(step + 1), at);
            }
        }
    }

    /** Some days after {@code from}, during office hours, strictly later. */
    private static Instant nextStep(Random random, Instant from, double days) {
        Instant candidate = from.plusMillis((long) (days * Duration.ofDays(1).toMillis()));
        return Timing.after(random, from, Timing.officeHours(random, candidate, Instant.MAX, candidate));
    }

    /** One thing that happens to invoices and payments at a moment; steps may plan further steps. */
    private record Step(Instant at, long order, Consumer<Instant> action) {
    }

    /**
     * Invoices for won deals with line items, sent, then paid in one or two payments (after a failed attempt now and
     * then, with a partial refund now and then), voided, or left overdue; and payments at a checkout for some won
     * deals without line items. Everything happens in time order, so that ids grow with creation times.
     */
    private void commerce() {
        Random random = phase("commerce");
        PriorityQueue<Step> steps = new PriorityQueue<>(Comparator.comparing(Step::at).thenComparing(Step::order));
        long[] order = {0};
        Consumer<Step> plan = step -> {
            if (!step.at().isAfter(reference)) {
                steps.add(new Step(step.at(), order[0]++, step.action()));
            }
        };
        int[] invoiceNumber = {1000};
        for (Deal deal : company.<Deal>all(Kind.DEAL).values()) {
            if (deal.archived() || deal.category() != StageCategory.WON || deal.amount() == null) {
                continue;
            }
            Instant closed = deal.closedAt();
            if (!deal.lineItemIds().isEmpty()) {
                Instant created = nextStep(random, closed, random.nextDouble() * 3);
                plan.accept(new Step(created, 0, at -> invoice(random, deal, at, ++invoiceNumber[0], plan)));
            } else if (random.nextDouble() < CHECKOUT_SHARE) {
                plan.accept(new Step(nextStep(random, closed, random.nextDouble()), 0, at -> company.add(Kind.PAYMENT,
                        payment(random, at, deal.amount(), deal.currency(), PaymentSource.CHECKOUT, null, deal,
                                PaymentStatus.SUCCEEDED))));
            }
        }
        while (!steps.isEmpty()) {
            Step step = steps.poll();
            step.action().accept(step.at());
        }
    }

    private void invoice(Random random, Deal deal, Instant created, int number, Consumer<Step> plan) {
        LocalDate issued = day(created);
        Invoice invoice = new Invoice(company.nextId(Kind.INVOICE), created, "INV-" + number, deal.currency(), issued,
                issued.plusDays(random.nextInt(4) == 0 ? 14 : 30), deal.amount(), deal.contactIds().get(0),
                deal.accountId(), deal.id(), deals.copyLines(deal, created), InvoiceStatus.DRAFT);
        company.add(Kind.INVOICE, invoice);
        Instant sent = nextStep(random, created, random.nextDouble() * 2);
        plan.accept(new Step(sent, 0, at -> invoice.status(InvoiceStatus.OPEN, at)));
        double fate = random.nextDouble();
        if (fate < 0.03) {
            plan.accept(new Step(nextStep(random, sent, 1 + random.nextDouble() * 19), 0,
                    at -> invoice.status(InvoiceStatus.VOIDED, at)));
            return;
        }
        if (fate < 0.06) {
            return; // never paid: overdue
        }
        List<BigDecimal> parts = new ArrayList<>();
        if (random.nextDouble() < 0.12) {
            BigDecimal first = invoice.billed().multiply(BigDecimal.valueOf(40 + random.nextInt(21)))
                    .movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            parts.add(first);
            parts.add(invoice.billed().subtract(first));
        } else {
            parts.add(invoice.billed());
        }
        Instant payAt = nextStep(random, sent, Math.min(90, Timing.logNormal(random, 14, 0.7)));
        if (random.nextDouble() < 0.04) {
            Instant attempt = later(sent.plusSeconds(60), payAt.minus(Duration.ofDays(1 + random.nextInt(3))));
            BigDecimal amount = parts.get(0);
            plan.accept(new Step(attempt, 0, at -> company.add(Kind.PAYMENT, payment(random, at, amount,
                    invoice.currency(), PaymentSource.INVOICE, invoice, deal, PaymentStatus.FAILED))));
        }
        for (BigDecimal part : parts) {
            plan.accept(new Step(payAt, 0, at -> {
                Payment payment = payment(random, at, part, invoice.currency(), PaymentSource.INVOICE, invoice, deal,
                        PaymentStatus.SUCCEEDED);
                company.add(Kind.PAYMENT, payment);
                invoice.settle(part, at);
                if (random.nextDouble() < 0.02) {
                    BigDecimal refund = part.multiply(BigDecimal.valueOf(10 + random.nextInt(21))).movePointLeft(2)
                            .setScale(2, RoundingMode.HALF_UP);
                    plan.accept(new Step(nextStep(random, at, 5 + random.nextDouble() * 25), 0,
                            refundAt -> payment.refund(refund, refundAt)));
                }
            }));
            payAt = nextStep(random, payAt, 10 + random.nextDouble() * 30);
        }
    }

    private Payment payment(Random random, Instant at, BigDecimal amount, String currency, PaymentSource source,
            Invoice invoice, Deal deal, PaymentStatus status) {
        Contact payer = company.get(Kind.CONTACT, deal.contactIds().get(0));
        return new Payment(company.nextId(Kind.PAYMENT), at, amount, currency, method(random, currency), source,
                reference(random), payer.email(), invoice == null ? null : invoice.id(), deal.id(), payer.id(),
                status);
    }

    static String method(Random random, String currency) {
        return switch (currency) {
            case "EUR" -> random.nextBoolean() ? "sepa" : "card";
            case "USD" -> random.nextInt(10) < 4 ? "ach" : "card";
            default -> "card";
        };
    }

    /** A payment processor's charge id. */
    static String reference(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder reference = new StringBuilder("ch_");
        for (int i = 0; i < 24; i++) {
            reference.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return reference.toString();
    }

    /**
     * Contacts' lifecycle stages from what happened to them, in time order: a lead makes a lead, a deal an
     * opportunity, a won deal a customer. Each step is a change of the contact, so it moves its last modification.
     */
    private void lifecycleStages() {
        record Event(Instant at, long contactId, LifecycleStage stage) {
        }
        List<Event> events = new ArrayList<>();
        for (Lead lead : company.<Lead>all(Kind.LEAD).values()) {
            events.add(new Event(lead.createdAt(), lead.contactId(), LifecycleStage.LEAD));
        }
        for (Deal deal : company.<Deal>all(Kind.DEAL).values()) {
            for (long contact : deal.contactIds()) {
                events.add(new Event(deal.createdAt(), contact, LifecycleStage.OPPORTUNITY));
                if (deal.category() == StageCategory.WON) {
                    events.add(new Event(deal.closedAt(), contact, LifecycleStage.CUSTOMER));
                }
            }
            if (deal.category() == StageCategory.WON && deal.accountId() != null) {
                company.get(Kind.ACCOUNT, deal.accountId()).touch(deal.closedAt());
            }
        }
        events.sort(Comparator.comparing(Event::at));
        for (Event event : events) {
            company.<Contact>get(Kind.CONTACT, event.contactId()).advance(event.stage(), event.at());
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

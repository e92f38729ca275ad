package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What keeps happening in the company after its generated history, one event at a time: new leads (from new
 * people, sometimes entered twice, or from known contacts), leads worked to qualified (with a new deal) or
 * unqualified, new deals, stage moves, wins (with an invoice or a checkout payment), losses, invoices sent and paid
 * (sometimes in part, sometimes after a failed attempt) or voided, contact edits, and now and then a deleted deal.
 *
 * <p>Event number {@code n} draws only from a random stream made of the company's seed and {@code n}, and acts on the
 * state the events before it left, so the same events in the same order make the same company whenever they run.
 * Every event moves the last-modified time of what it changes to the event's time, as a CRM does.
 */
public final class Activity {
    private static final double NEW_PERSON_SHARE = 0.35;
    private static final double DUPLICATE_PERSON_SHARE = 0.2;

    /** Event kinds with their weights (per 100 events). */
    public enum Event {
        NEW_LEAD(22), WORK_LEAD(20), NEW_DEAL(6), STAGE_MOVE(22), WIN(7), LOSS(9), INVOICE(9), CONTACT_EDIT(4),
        DEAL_DELETED(1);

        private final int weight;

        Event(int weight) {
            this.weight = weight;
        }

        static Event pick(Random random) {
            int draw = random.nextInt(100);
            for (Event event : values()) {
                draw -= event.weight;
                if (draw < 0) {
                    return event;
                }
            }
            return NEW_LEAD;
        }
    }

    private final Company company;
    private final PeopleSource people;
    private final DealMaker deals;
    private final List<Long> contacts = new ArrayList<>();
    private final List<Long> accountContacts = new ArrayList<>();
    private final List<Long> openLeads = new ArrayList<>();
    private final List<Long> openDeals = new ArrayList<>();
    private final List<Long> unpaidInvoices = new ArrayList<>();
    private long applied;
    private int nextInvoiceNumber;

    public Activity(Company company, PeopleSource people) {
        this.company = company;
        this.people = people;
        this.deals = new DealMaker(company);
        company.read(c -> {
            for (Contact contact : c.<Contact>all(Kind.CONTACT).values()) {
                if (!contact.archived()) {
                    remember(contact);
                }
            }
            for (Lead lead : c.<Lead>all(Kind.LEAD).values()) {
                if (lead.status().open()) {
                    openLeads.add(lead.id());
                }
            }
            for (Deal deal : c.<Deal>all(Kind.DEAL).values()) {
                if (!deal.archived() && deal.stage() != null && !deal.stage().closed()) {
                    openDeals.add(deal.id());
                }
            }
            for (Invoice invoice : c.<Invoice>all(Kind.INVOICE).values()) {
                if (invoice.status() == InvoiceStatus.DRAFT || invoice.status() == InvoiceStatus.OPEN) {
                    unpaidInvoices.add(invoice.id());
                }
            }
            nextInvoiceNumber = 1001 + c.all(Kind.INVOICE).size();
            return null;
        });
    }

    /** How many events have happened so far. */
    public synchronized long applied() {
        return applied;
    }

    /** Lets the next event happen at {@code at} (not before the previous one) and returns what it changed. */
    public synchronized List<Change> next(Instant at) {
        return next(at, null);
    }

    /**
     * Lets the next event happen at {@code at}, of the given kind instead of a drawn one (null: drawn), so that a
     * benchmark can ask for wins; the event still draws the rest from its own random stream.
     */
    public synchronized List<Change> next(Instant at, Event kind) {
        Random random = new Random(company.seed() * 0x2545F4914F6CDD1DL + applied * 0x9E3779B97F4A7C15L + 17);
        applied++;
        Event drawn = Event.pick(random);
        return company.write(c -> happen(random, kind == null ? drawn : kind, at));
    }

    private List<Change> happen(Random random, Event event, Instant at) {
        List<Change> changes = new ArrayList<>();
        boolean done = switch (event) {
            case NEW_LEAD -> false;
            case WORK_LEAD -> workLead(random, at, changes);
            case NEW_DEAL -> newDeal(random, at, changes);
            case STAGE_MOVE -> moveStage(random, at, changes);
            case WIN -> win(random, at, changes);
            case LOSS -> lose(random, at, changes);
            case INVOICE -> invoice(random, at, changes);
            case CONTACT_EDIT -> editContact(random, at, changes);
            case DEAL_DELETED -> deleteDeal(random, at, changes);
        };
        if (!done) {
            // Nothing to do of that kind (no open lead, no open deal …): someone new gets in touch instead.
            newLead(random, at, changes);
        }
        return changes;
    }

    private void remember(Contact contact) {
        contacts.add(contact.id());
        if (contact.accountId() != null) {
            accountContacts.add(contact.id());
        }
    }

    private void newLead(Random random, Instant at, List<Change> changes) {
        Contact contact;
        if (contacts.isEmpty() || random.nextDouble() < NEW_PERSON_SHARE) {
            contact = newContact(random, at);
            changes.add(Change.created(contact, Kind.CONTACT));
        } else {
            contact = company.get(Kind.CONTACT, Vocabulary.pick(random, contacts));
        }
        Lead lead = new Lead(company.nextId(Kind.LEAD), at, contact.id(), ownerOf(random, contact.ownerId()),
                contact.leadSource());
        company.add(Kind.LEAD, lead);
        openLeads.add(lead.id());
        changes.add(Change.created(lead, Kind.LEAD));
        advance(contact, LifecycleStage.LEAD, at, changes);
    }

    private Contact newContact(Random random, Instant at) {
        List<Account> accounts = company.<Account>all(Kind.ACCOUNT).values().stream()
                .filter(account -> !account.archived()).toList();
        PersonRecord record;
        Long accountId;
        Long duplicateOf = null;
        if (!contacts.isEmpty() && random.nextDouble() < DUPLICATE_PERSON_SHARE) {
            Contact known = company.get(Kind.CONTACT, Vocabulary.pick(random, contacts));
            record = people.duplicate(random, known.person());
            accountId = known.accountId();
            duplicateOf = known.duplicateOf() != null ? known.duplicateOf() : known.id();
        } else {
            List<Employer> employers = accounts.stream()
                    .map(account -> new Employer(account.name(), account.domain(), account.address().country()))
                    .toList();
            record = people.people(random, 1, employers).get(0);
            accountId = record.employer() == null ? null : accounts.get(record.employer()).id();
        }
        Long owner = accountId == null ? null : company.<Account>get(Kind.ACCOUNT, accountId).ownerId();
        Contact contact = new Contact(company.nextId(Kind.CONTACT), at, record, accountId,
                Vocabulary.leadSource(random), ownerOf(random, owner), duplicateOf);
        company.add(Kind.CONTACT, contact);
        remember(contact);
        return contact;
    }

    private boolean workLead(Random random, Instant at, List<Change> changes) {
        if (openLeads.isEmpty()) {
            return false;
        }
        int index = random.nextInt(openLeads.size());
        Lead lead = company.get(Kind.LEAD, openLeads.get(index));
        LeadStatus next = switch (lead.status()) {
            case NEW -> random.nextDouble() < 0.9 ? LeadStatus.ATTEMPTING : LeadStatus.UNQUALIFIED;
            case ATTEMPTING -> random.nextDouble() < 0.7 ? LeadStatus.CONNECTED : LeadStatus.UNQUALIFIED;
            default -> random.nextDouble() < 0.5 ? LeadStatus.QUALIFIED : LeadStatus.UNQUALIFIED;
        };
        lead.status(next, at);
        changes.add(Change.updated(lead, Kind.LEAD, at, Field.LEAD_STATUS));
        if (!next.open()) {
            removeAt(openLeads, index);
        }
        if (next == LeadStatus.QUALIFIED) {
            Contact contact = company.get(Kind.CONTACT, lead.contactId());
            Deal deal = createDeal(random, at, contact, lead.ownerId(), lead.leadSource(), changes);
            lead.deal(deal.id());
        }
        return true;
    }

    private boolean newDeal(Random random, Instant at, List<Change> changes) {
        if (accountContacts.isEmpty()) {
            return false;
        }
        Contact contact = company.get(Kind.CONTACT, Vocabulary.pick(random, accountContacts));
        createDeal(random, at, contact, ownerOf(random, contact.ownerId()), Vocabulary.leadSource(random), changes);
        return true;
    }

    private Deal createDeal(Random random, Instant at, Contact contact, Long ownerId, LeadSource source,
            List<Change> changes) {
        boolean newBusiness = contact.accountId() == null ? company.dealsOfContact(contact.id()).isEmpty()
                : company.dealsOfAccount(contact.accountId()).isEmpty();
        Deal deal = deals.create(random, at, contact, ownerId, source, newBusiness, false, false);
        deal.expectedCloseDate(day(at).plusDays(14 + random.nextInt(60)));
        openDeals.add(deal.id());
        changes.add(Change.created(deal, Kind.DEAL));
        deal.lineItemIds().forEach(id -> changes.add(Change.created(company.get(Kind.LINE_ITEM, id),
                Kind.LINE_ITEM)));
        for (long id : deal.contactIds()) {
            advance(company.get(Kind.CONTACT, id), LifecycleStage.OPPORTUNITY, at, changes);
        }
        return deal;
    }

    private boolean moveStage(Random random, Instant at, List<Change> changes) {
        if (openDeals.isEmpty()) {
            return false;
        }
        Deal deal = company.get(Kind.DEAL, Vocabulary.pick(random, openDeals));
        DealStage next = deal.stage().nextOpen();
        if (next != null && next.nextOpen() != null && random.nextDouble() < 0.1) {
            next = next.nextOpen();
        }
        if (next == null) {
            return win(deal, random, at, changes);
        }
        deal.enter(next, at);
        if (deal.lineItemIds().isEmpty() && deal.amount() != null && random.nextDouble() < 0.2) {
            // Negotiation: a typed-in amount moves by up to 15 % either way.
            BigDecimal amount = deal.amount().multiply(BigDecimal.valueOf(85 + random.nextInt(31))).movePointLeft(2)
                    .setScale(2, RoundingMode.HALF_UP);
            deal.amount(amount, Currencies.toHome(amount, deal.currency()));
            changes.add(Change.updated(deal, Kind.DEAL, at, Field.STAGE, Field.AMOUNT));
        } else if (random.nextDouble() < 0.2) {
            deal.expectedCloseDate(deal.expectedCloseDate() == null ? day(at).plusDays(30)
                    : deal.expectedCloseDate().plusDays(7 + random.nextInt(30)));
            changes.add(Change.updated(deal, Kind.DEAL, at, Field.STAGE, Field.EXPECTED_CLOSE_DATE));
        } else {
            changes.add(Change.updated(deal, Kind.DEAL, at, Field.STAGE));
        }
        return true;
    }

    /** Deals further down the pipeline are the ones that get won: the furthest of a few open ones. */
    private boolean win(Random random, Instant at, List<Change> changes) {
        if (openDeals.isEmpty()) {
            return false;
        }
        Deal best = null;
        for (int i = 0; i < 3; i++) {
            Deal candidate = company.get(Kind.DEAL, Vocabulary.pick(random, openDeals));
            if (best == null || candidate.stage().ordinal() > best.stage().ordinal()) {
                best = candidate;
            }
        }
        return win(best, random, at, changes);
    }

    private boolean win(Deal deal, Random random, Instant at, List<Change> changes) {
        close(deal, DealStage.WON, at, changes);
        for (long id : deal.contactIds()) {
            advance(company.get(Kind.CONTACT, id), LifecycleStage.CUSTOMER, at, changes);
        }
        if (deal.amount() == null) {
            return true;
        }
        if (!deal.lineItemIds().isEmpty()) {
            Invoice invoice = new Invoice(company.nextId(Kind.INVOICE), at, "INV-" + nextInvoiceNumber++,
                    deal.currency(), day(at), day(at).plusDays(30), deal.amount(), deal.contactIds().get(0),
                    deal.accountId(), deal.id(), deals.copyLines(deal, at), InvoiceStatus.DRAFT);
            company.add(Kind.INVOICE, invoice);
            unpaidInvoices.add(invoice.id());
            invoice.lineItemIds().forEach(id -> changes.add(Change.created(company.get(Kind.LINE_ITEM, id),
                    Kind.LINE_ITEM)));
            changes.add(Change.created(invoice, Kind.INVOICE));
        } else if (random.nextDouble() < 0.3) {
            Payment payment = payment(random, at, deal.amount(), null, deal, PaymentSource.CHECKOUT,
                    PaymentStatus.SUCCEEDED);
            changes.add(Change.created(payment, Kind.PAYMENT));
        }
        return true;
    }

    /** Deals get lost early more often: the earliest of two open ones. */
    private boolean lose(Random random, Instant at, List<Change> changes) {
        if (openDeals.isEmpty()) {
            return false;
        }
        Deal first = company.get(Kind.DEAL, Vocabulary.pick(random, openDeals));
        Deal second = company.get(Kind.DEAL, Vocabulary.pick(random, openDeals));
        Deal deal = second.stage().ordinal() < first.stage().ordinal() ? second : first;
        if (random.nextDouble() < 0.8) {
            deal.lose(Vocabulary.pick(random, Vocabulary.LOSS_REASONS));
        }
        close(deal, DealStage.LOST, at, changes);
        return true;
    }

    private void close(Deal deal, DealStage outcome, Instant at, List<Change> changes) {
        deal.enter(outcome, at);
        deal.expectedCloseDate(day(at));
        openDeals.remove(deal.id());
        changes.add(outcome == DealStage.LOST && deal.lossReason() != null
                ? Change.updated(deal, Kind.DEAL, at, Field.STAGE, Field.EXPECTED_CLOSE_DATE, Field.LOSS_REASON)
                : Change.updated(deal, Kind.DEAL, at, Field.STAGE, Field.EXPECTED_CLOSE_DATE));
        if (outcome == DealStage.WON && deal.accountId() != null) {
            company.get(Kind.ACCOUNT, deal.accountId()).touch(at);
        }
    }

    private boolean invoice(Random random, Instant at, List<Change> changes) {
        if (unpaidInvoices.isEmpty()) {
            return false;
        }
        int index = random.nextInt(unpaidInvoices.size());
        Invoice invoice = company.get(Kind.INVOICE, unpaidInvoices.get(index));
        Deal deal = company.get(Kind.DEAL, invoice.dealId());
        if (invoice.status() == InvoiceStatus.DRAFT) {
            invoice.status(InvoiceStatus.OPEN, at);
            changes.add(Change.updated(invoice, Kind.INVOICE, at, Field.INVOICE_STATUS));
            return true;
        }
        double fate = random.nextDouble();
        if (fate < 0.03) {
            invoice.status(InvoiceStatus.VOIDED, at);
            removeAt(unpaidInvoices, index);
            changes.add(Change.updated(invoice, Kind.INVOICE, at, Field.INVOICE_STATUS));
            return true;
        }
        if (fate < 0.08) {
            Payment failed = payment(random, at, invoice.balance(), invoice, deal, PaymentSource.INVOICE,
                    PaymentStatus.FAILED);
            changes.add(Change.created(failed, Kind.PAYMENT));
            return true;
        }
        BigDecimal amount = invoice.balance();
        if (random.nextDouble() < 0.25 && amount.compareTo(BigDecimal.TEN) > 0) {
            amount = amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
        }
        Payment payment = payment(random, at, amount, invoice, deal, PaymentSource.INVOICE, PaymentStatus.SUCCEEDED);
        invoice.settle(amount, at);
        if (invoice.status() == InvoiceStatus.PAID) {
            removeAt(unpaidInvoices, index);
        }
        changes.add(Change.created(payment, Kind.PAYMENT));
        changes.add(Change.updated(invoice, Kind.INVOICE, at, Field.BALANCE, Field.INVOICE_STATUS));
        return true;
    }

    private Payment payment(Random random, Instant at, BigDecimal amount, Invoice invoice, Deal deal,
            PaymentSource source, PaymentStatus status) {
        Contact payer = company.get(Kind.CONTACT, deal.contactIds().get(0));
        Payment payment = new Payment(company.nextId(Kind.PAYMENT), at, amount, deal.currency(),
                CompanyGenerator.method(random, deal.currency()), source, CompanyGenerator.reference(random),
                payer.email(), invoice == null ? null : invoice.id(), deal.id(), payer.id(), status);
        company.add(Kind.PAYMENT, payment);
        return payment;
    }

    private boolean editContact(Random random, Instant at, List<Change> changes) {
        if (contacts.isEmpty()) {
            return false;
        }
        Contact contact = company.get(Kind.CONTACT, Vocabulary.pick(random, contacts));
        if (random.nextBoolean()) {
            contact.phone(Vocabulary.phone(random, Vocabulary.pick(random, Vocabulary.PLACES)), at);
            changes.add(Change.updated(contact, Kind.CONTACT, at, Field.PHONE));
        } else {
            contact.jobTitle(Vocabulary.pick(random, Vocabulary.JOB_TITLES), at);
            changes.add(Change.updated(contact, Kind.CONTACT, at, Field.JOB_TITLE));
        }
        return true;
    }

    /** A rep deletes an open deal (a duplicate, a test): archived, its last modification unchanged. */
    private boolean deleteDeal(Random random, Instant at, List<Change> changes) {
        if (openDeals.isEmpty()) {
            return false;
        }
        int index = random.nextInt(openDeals.size());
        Deal deal = company.get(Kind.DEAL, openDeals.get(index));
        removeAt(openDeals, index);
        deal.archive(at);
        changes.add(Change.archived(deal, Kind.DEAL));
        return true;
    }

    private void advance(Contact contact, LifecycleStage stage, Instant at, List<Change> changes) {
        if (contact.advance(stage, at)) {
            changes.add(Change.updated(contact, Kind.CONTACT, at, Field.LIFECYCLE_STAGE));
        }
    }

    /** The owner when they still work at the company, else a rep who does. */
    private Long ownerOf(Random random, Long preferred) {
        if (preferred != null && !company.<Owner>get(Kind.OWNER, preferred).archived()) {
            return preferred;
        }
        List<Owner> current = company.<Owner>all(Kind.OWNER).values().stream().filter(owner -> !owner.archived())
                .toList();
        return current.isEmpty() ? null : Vocabulary.pick(random, current).id();
    }

    /** Removes in constant time; the order of the list does not matter, only that it is the same every time. */
    private static void removeAt(List<Long> list, int index) {
        list.set(index, list.get(list.size() - 1));
        list.remove(list.size() - 1);
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

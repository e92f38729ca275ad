package dev.ledgerline.simulator.company;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The generated company that every CRM package serves: its owners and teams, accounts, contacts, products, deals
 * with their line items, leads, invoices and payments, and the ground truth about them. Once generated, the state
 * changes only through {@link Activity}: readers see it through {@link #read}, writers hold the write lock, and
 * listeners learn about every {@link Change} after the lock is released.
 */
public final class Company {
    /** The currency of the company's books, and of its CRM portal. */
    public static final String HOME_CURRENCY = "USD";

    private final long seed;
    private final Instant referenceTime;
    private final List<Team> teams;
    private final Map<Kind, NavigableMap<Long, Entity>> records = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> nextIds = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<Long, List<Long>>> byParent = new EnumMap<>(Kind.class);
    private final Map<Long, List<Long>> dealsByContact = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();

    Company(long seed, Instant referenceTime, List<Team> teams) {
        this.seed = seed;
        this.referenceTime = referenceTime;
        this.teams = List.copyOf(teams);
        for (Kind kind : Kind.values()) {
            records.put(kind, new TreeMap<>());
            nextIds.put(kind, kind.firstId());
            byParent.put(kind, new HashMap<>());
        }
    }

    public long seed() {
        return seed;
    }

    /** The moment the company's history was generated up to; activity happens after it. */
    public Instant referenceTime() {
        return referenceTime;
    }

    /** An amount in another currency converted to the home currency at the company's fixed rate, unrounded. */
    public static java.math.BigDecimal inHomeCurrency(java.math.BigDecimal amount, String currency) {
        return Currencies.toHome(amount, currency);
    }

    public List<Team> teams() {
        return teams;
    }

    /** Runs a reader under the read lock: everything it touches of the company is consistent. */
    public <T> T read(Function<Company, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a writer under the write lock, then tells the listeners what changed. */
    List<Change> write(Function<Company, List<Change>> writer) {
        List<Change> changes;
        lock.writeLock().lock();
        try {
            changes = List.copyOf(writer.apply(this));
        } finally {
            lock.writeLock().unlock();
        }
        if (!changes.isEmpty()) {
            listeners.forEach(listener -> listener.accept(changes));
        }
        return changes;
    }

    /** Called with the changes of every write, outside the lock, on the writing thread. */
    public void onChange(Consumer<List<Change>> listener) {
        listeners.add(listener);
    }

    /** Every record of a kind, archived ones included, by id; read it only inside {@link #read}. */
    @SuppressWarnings("unchecked")
    public <E extends Entity> NavigableMap<Long, E> all(Kind kind) {
        return (NavigableMap<Long, E>) Collections.unmodifiableNavigableMap(records.get(kind));
    }

    /** One record by kind and id, or null. */
    @SuppressWarnings("unchecked")
    public <E extends Entity> E get(Kind kind, long id) {
        return (E) records.get(kind).get(id);
    }

    /** The contacts of an account. */
    public List<Long> contactsOf(long accountId) {
        return children(Kind.CONTACT, accountId);
    }

    /** The deals of an account. */
    public List<Long> dealsOfAccount(long accountId) {
        return children(Kind.DEAL, accountId);
    }

    /** The deals a contact is associated with. */
    public List<Long> dealsOfContact(long contactId) {
        return List.copyOf(dealsByContact.getOrDefault(contactId, List.of()));
    }

    /** The invoices of a deal. */
    public List<Long> invoicesOf(long dealId) {
        return children(Kind.INVOICE, dealId);
    }

    /** The payments against an invoice. */
    public List<Long> paymentsOf(long invoiceId) {
        return children(Kind.PAYMENT, invoiceId);
    }

    /** The leads of a contact. */
    public List<Long> leadsOf(long contactId) {
        return children(Kind.LEAD, contactId);
    }

    private List<Long> children(Kind kind, long parentId) {
        return List.copyOf(byParent.get(kind).getOrDefault(parentId, List.of()));
    }

    long nextId(Kind kind) {
        long id = nextIds.get(kind);
        nextIds.put(kind, id + 1);
        return id;
    }

    /** Adds a record and indexes its parent (the account of a contact or deal, the deal of an invoice …). */
    void add(Kind kind, Entity entity) {
        records.get(kind).put(entity.id(), entity);
        Long parent = null;
        if (entity instanceof Contact contact) {
            parent = contact.accountId();
        } else if (entity instanceof Deal deal) {
            parent = deal.accountId();
        } else if (entity instanceof Invoice invoice) {
            parent = invoice.dealId();
        } else if (entity instanceof Payment payment) {
            parent = payment.invoiceId();
        } else if (entity instanceof Lead lead) {
            parent = lead.contactId();
        }
        if (parent != null) {
            byParent.get(kind).computeIfAbsent(parent, id -> new ArrayList<>()).add(entity.id());
        }
        if (entity instanceof Deal deal) {
            deal.contactIds().forEach(contact -> dealsByContact.computeIfAbsent(contact, id -> new ArrayList<>())
                    .add(deal.id()));
        }
    }
}

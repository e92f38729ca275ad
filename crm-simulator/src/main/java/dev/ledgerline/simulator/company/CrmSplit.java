package dev.ledgerline.simulator.company;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the one company is kept in several CRMs at once, as a firm that bought other CRMs with acquisitions does: a
 * share of the accounts (drawn by a hash of seed and id, so activity's new records follow the same rule) is worked in
 * Salesforce, another share in a monday.com account, the rest in HubSpot, and each record lives where its business is:
 * <ul>
 *   <li>an account in one CRM; a deal in its account's (a deal without an account in its primary contact's, else by
 *   its own draw; one without a stage always in HubSpot, Salesforce and a monday deals board's stage column require
 *   one); line items, invoices and payments
 *   with their deal;</li>
 *   <li>a lead with its contact's account (so the deal it becomes is there too, unless the deal is another
 *   account's);</li>
 *   <li>a contact with its account (on its own draw without one) and, as well, in every CRM holding one of its deals
 *   or leads, and in every CRM in use for {@link #OVERLAP} of the people (entered by every sales team): the same
 *   person then has a record in each CRM, each with its own id;</li>
 *   <li>owners and products in every CRM in use (the same people and catalogue, each CRM with its own ids).</li>
 * </ul>
 * Deals, leads, line items, invoices and payments are in exactly one CRM, so the KPIs of a tenant with both
 * connected are those of the whole company, and each connection's are those of its CRM's part. What a record is
 * kept in depends only on what never changes (its account, its contacts, its stage being set), so no record moves
 * between CRMs; a contact may only be entered in another CRM later. A CRM is in use when its share is above 0
 * (HubSpot when the two shares leave it some); shares of 0 keep everything in HubSpot (and the Salesforce org and
 * the monday.com account empty), and a monday.com share of 0 leaves the split of HubSpot and Salesforce as it was
 * without one. Read only inside {@link Company#read}.
 */
public final class CrmSplit {
    /** The CRMs the company is kept in. */
    public enum Crm {
        HUBSPOT, SALESFORCE, MONDAY
    }

    /** The share of people entered in both CRMs whatever their deals. */
    static final double OVERLAP = 0.15;
    private static final int OVERLAP_DRAW = 100;

    private final long seed;
    private final double salesforceShare;
    private final double mondayShare;
    private final Map<Long, Long> dealOfLineItem = new ConcurrentHashMap<>();

    public CrmSplit(long seed, double salesforceShare) {
        this(seed, salesforceShare, 0);
    }

    public CrmSplit(long seed, double salesforceShare, double mondayShare) {
        if (!(salesforceShare >= 0 && salesforceShare <= 1)) {
            throw new IllegalArgumentException("the Salesforce share must be from 0 to 1, not " + salesforceShare);
        }
        if (!(mondayShare >= 0 && mondayShare <= 1 - salesforceShare + 1e-9)) {
            throw new IllegalArgumentException("the monday.com share must be from 0 to " + (1 - salesforceShare)
                    + " (what the Salesforce share leaves), not " + mondayShare);
        }
        this.seed = seed;
        this.salesforceShare = salesforceShare;
        this.mondayShare = mondayShare;
    }

    public double salesforceShare() {
        return salesforceShare;
    }

    public double mondayShare() {
        return mondayShare;
    }

    /** Whether the CRM keeps a record of this entity. */
    public boolean holds(Company company, Crm crm, Kind kind, Entity entity) {
        if (salesforceShare == 0 && mondayShare == 0) {
            return crm == Crm.HUBSPOT;
        }
        return switch (kind) {
            case OWNER, PRODUCT -> crm == Crm.HUBSPOT ? salesforceShare + mondayShare < 1 : inUse(crm);
            case CONTACT -> home(company, kind, entity) == crm || inEvery((Contact) entity) && inUse(crm)
                    || company.dealsOfContact(entity.id()).stream()
                    .anyMatch(deal -> home(company, Kind.DEAL, company.get(Kind.DEAL, deal)) == crm)
                    || company.leadsOf(entity.id()).stream()
                    .anyMatch(lead -> home(company, Kind.LEAD, company.get(Kind.LEAD, lead)) == crm);
            default -> home(company, kind, entity) == crm;
        };
    }

    /** Whether a contact was entered in the CRM when it was created, not only later with a deal of that CRM. */
    public boolean enteredAtCreation(Company company, Crm crm, Contact contact) {
        return salesforceShare == 0 && mondayShare == 0 ? crm == Crm.HUBSPOT
                : home(company, Kind.CONTACT, contact) == crm || inEvery(contact) && inUse(crm);
    }

    private boolean inEvery(Contact contact) {
        return draw(OVERLAP_DRAW, contact.id()) < OVERLAP;
    }

    /** Whether people are entered in the CRM (HubSpot always was, whatever the shares). */
    private boolean inUse(Crm crm) {
        return switch (crm) {
            case HUBSPOT -> true;
            case SALESFORCE -> salesforceShare > 0;
            case MONDAY -> mondayShare > 0;
        };
    }

    /** The one CRM a record is worked in (for a contact: where its account is). */
    private Crm home(Company company, Kind kind, Entity entity) {
        return switch (kind) {
            case ACCOUNT -> drawn(kind, entity);
            case CONTACT -> {
                Long account = ((Contact) entity).accountId();
                yield account != null ? home(company, Kind.ACCOUNT, company.get(Kind.ACCOUNT, account))
                        : drawn(kind, entity);
            }
            case DEAL -> {
                Deal deal = (Deal) entity;
                if (deal.stage() == null) {
                    yield Crm.HUBSPOT;
                }
                if (deal.accountId() != null) {
                    yield home(company, Kind.ACCOUNT, company.get(Kind.ACCOUNT, deal.accountId()));
                }
                yield deal.contactIds().isEmpty()
                        ? drawn(kind, entity)
                        : home(company, Kind.CONTACT, company.get(Kind.CONTACT, deal.contactIds().get(0)));
            }
            case LEAD -> home(company, Kind.CONTACT, company.get(Kind.CONTACT, ((Lead) entity).contactId()));
            case LINE_ITEM -> {
                Long deal = dealOf(company, entity.id());
                yield deal == null ? Crm.HUBSPOT : home(company, Kind.DEAL, company.get(Kind.DEAL, deal));
            }
            case INVOICE -> home(company, Kind.DEAL, company.get(Kind.DEAL, ((Invoice) entity).dealId()));
            case PAYMENT -> {
                Payment payment = (Payment) entity;
                yield payment.dealId() != null ? home(company, Kind.DEAL, company.get(Kind.DEAL, payment.dealId()))
                        : payment.invoiceId() != null
                        ? home(company, Kind.INVOICE, company.get(Kind.INVOICE, payment.invoiceId())) : Crm.HUBSPOT;
            }
            case OWNER, PRODUCT -> Crm.HUBSPOT;
        };
    }

    /** A record's CRM by its own draw: Salesforce below its share, monday.com in the share after it, else HubSpot. */
    private Crm drawn(Kind kind, Entity entity) {
        double drawn = draw(kind.ordinal(), entity.id());
        return drawn < salesforceShare ? Crm.SALESFORCE
                : drawn < salesforceShare + mondayShare ? Crm.MONDAY : Crm.HUBSPOT;
    }

    /** The deal a line item belongs to; the index is rebuilt when activity added line items since. */
    private Long dealOf(Company company, long lineItemId) {
        Long deal = dealOfLineItem.get(lineItemId);
        if (deal == null) {
            for (Deal each : company.<Deal>all(Kind.DEAL).values()) {
                each.lineItemIds().forEach(line -> dealOfLineItem.put(line, each.id()));
            }
            deal = dealOfLineItem.get(lineItemId);
        }
        return deal;
    }

    /** A uniform number in [0, 1) from the seed, a stream and an id (SplitMix64's finaliser). */
    private double draw(int stream, long id) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (stream + 1)) ^ (id * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}

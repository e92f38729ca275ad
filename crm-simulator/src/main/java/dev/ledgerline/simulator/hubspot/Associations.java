package dev.ledgerline.simulator.hubspot;

import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.Contact;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Invoice;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Lead;
import dev.ledgerline.simulator.company.Payment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which records a record is associated with, per HubSpot object type, and the ids HubSpot gives the association
 * types. An archived record drops out of its associations, as a deleted one does in HubSpot.
 */
final class Associations {
    /**
     * HubSpot-defined association type ids of the pairs the connectors read (primary company for a contact's or
     * deal's company); other pairs answer 0 here, for want of a documented id.
     */
    private static final Map<String, Integer> TYPE_IDS = Map.ofEntries(
            Map.entry("contacts>companies", 1), Map.entry("companies>contacts", 2),
            Map.entry("deals>contacts", 3), Map.entry("contacts>deals", 4),
            Map.entry("deals>companies", 5), Map.entry("companies>deals", 6),
            Map.entry("deals>line_items", 19), Map.entry("line_items>deals", 20),
            Map.entry("invoices>deals", 175), Map.entry("invoices>contacts", 177),
            Map.entry("invoices>companies", 179), Map.entry("invoices>line_items", 409));

    private Associations() {
    }

    /** The live records of type {@code to} that the record is associated with, oldest association first. */
    static List<Long> of(Company company, CrmSplit split, HubSpotObjectType from, Entity entity, HubSpotObjectType to) {
        List<Long> ids = switch (from) {
            case DEALS -> {
                Deal deal = (Deal) entity;
                yield switch (to) {
                    case CONTACTS -> deal.contactIds();
                    case COMPANIES -> optional(deal.accountId());
                    case LINE_ITEMS -> deal.lineItemIds();
                    default -> List.of();
                };
            }
            case CONTACTS -> {
                Contact contact = (Contact) entity;
                yield switch (to) {
                    case COMPANIES -> optional(contact.accountId());
                    case DEALS -> company.dealsOfContact(contact.id());
                    default -> List.of();
                };
            }
            case COMPANIES -> switch (to) {
                case CONTACTS -> company.contactsOf(entity.id());
                case DEALS -> company.dealsOfAccount(entity.id());
                default -> List.<Long>of();
            };
            case INVOICES -> {
                Invoice invoice = (Invoice) entity;
                yield switch (to) {
                    case CONTACTS -> optional(invoice.contactId());
                    case COMPANIES -> optional(invoice.accountId());
                    case DEALS -> List.of(invoice.dealId());
                    case LINE_ITEMS -> invoice.lineItemIds();
                    default -> List.of();
                };
            }
            case COMMERCE_PAYMENTS -> {
                Payment payment = (Payment) entity;
                yield switch (to) {
                    case INVOICES -> optional(payment.invoiceId());
                    case DEALS -> optional(payment.dealId());
                    case CONTACTS -> optional(payment.contactId());
                    default -> List.of();
                };
            }
            case LEADS -> {
                Lead lead = (Lead) entity;
                Contact contact = company.get(Kind.CONTACT, lead.contactId());
                yield switch (to) {
                    case CONTACTS -> List.of(lead.contactId());
                    case COMPANIES -> optional(contact.accountId());
                    case DEALS -> optional(lead.dealId());
                    default -> List.of();
                };
            }
            default -> List.of();
        };
        return live(company, split, to, ids);
    }

    /** {@code deal_to_contact}, as list reads name the association type. */
    static String typeName(HubSpotObjectType from, HubSpotObjectType to) {
        return from.singular() + "_to_" + to.singular();
    }

    static int typeId(HubSpotObjectType from, HubSpotObjectType to) {
        return TYPE_IDS.getOrDefault(from.apiName() + ">" + to.apiName(), 0);
    }

    private static List<Long> optional(Long id) {
        return id == null ? List.of() : List.of(id);
    }

    /** The targets that are live and kept in HubSpot (not in the Salesforce part of the company). */
    private static List<Long> live(Company company, CrmSplit split, HubSpotObjectType type, Collection<Long> ids) {
        List<Long> live = new ArrayList<>();
        for (long id : ids) {
            Entity target = company.get(type.kind(), id);
            if (target != null && !target.archived()
                    && split.holds(company, CrmSplit.Crm.HUBSPOT, type.kind(), target)) {
                live.add(id);
            }
        }
        return live;
    }
}

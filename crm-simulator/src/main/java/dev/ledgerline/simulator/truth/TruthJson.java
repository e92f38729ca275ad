package dev.ledgerline.simulator.truth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Account;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.Contact;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Invoice;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Lead;
import dev.ledgerline.simulator.company.LineItem;
import dev.ledgerline.simulator.company.Owner;
import dev.ledgerline.simulator.company.Payment;
import dev.ledgerline.simulator.company.Product;
import dev.ledgerline.simulator.company.StageChange;
import dev.ledgerline.simulator.monday.MondayTruth;
import dev.ledgerline.simulator.salesforce.SalesforceTruth;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The company's records as they really are, in terms of no CRM: what tests compare a sync's results with. Ids are
 * the company's own, as strings (HubSpot serves them as they are; Salesforce and monday.com have ids of their own, see
 * {@link #asKeptIn});
 * amounts are exact decimal strings; instants ISO-8601.
 */
final class TruthJson {
    private TruthJson() {
    }

    static ObjectNode of(Company company, Entity entity) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", String.valueOf(entity.id()));
        node.put("createdAt", text(entity.createdAt())).put("modifiedAt", text(entity.modifiedAt()))
                .put("archived", entity.archived()).put("archivedAt", text(entity.archivedAt()));
        if (entity instanceof Deal deal) {
            deal(deal, node);
        } else if (entity instanceof Contact contact) {
            contact(contact, node);
        } else if (entity instanceof Account account) {
            node.put("name", account.name()).put("domain", account.domain()).put("phone", account.phone())
                    .put("industry", account.industry()).put("ownerId", id(account.ownerId()));
            node.put("country", account.address() == null ? null : account.address().country());
        } else if (entity instanceof Lead lead) {
            node.put("status", lead.status().name()).put("contactId", id(lead.contactId()))
                    .put("ownerId", id(lead.ownerId())).put("leadSource", name(lead.leadSource()))
                    .put("dealId", id(lead.dealId()));
        } else if (entity instanceof Owner owner) {
            node.put("firstName", owner.firstName()).put("lastName", owner.lastName()).put("email", owner.email())
                    .put("team", owner.team().name()).put("active", !owner.archived());
        } else if (entity instanceof Product product) {
            node.put("name", product.name()).put("sku", product.sku()).put("price", text(product.price()))
                    .put("unitCost", text(product.unitCost())).put("recurring", product.recurring());
        } else if (entity instanceof LineItem line) {
            node.put("productId", id(line.productId())).put("name", line.name())
                    .put("quantity", text(line.quantity())).put("unitPrice", text(line.unitPrice()))
                    .put("discountPercent", text(line.discountPercent())).put("amount", text(line.amount()))
                    .put("currency", line.currency());
        } else if (entity instanceof Invoice invoice) {
            node.put("number", invoice.number()).put("status", invoice.status().name())
                    .put("currency", invoice.currency()).put("invoiceDate", text(invoice.invoiceDate()))
                    .put("dueDate", text(invoice.dueDate())).put("billed", text(invoice.billed()))
                    .put("paid", text(invoice.paid())).put("balance", text(invoice.balance()))
                    .put("paidAt", text(invoice.paidAt())).put("dealId", id(invoice.dealId()))
                    .put("contactId", id(invoice.contactId())).put("accountId", id(invoice.accountId()));
            ids(node.putArray("lineItemIds"), invoice.lineItemIds());
        } else if (entity instanceof Payment payment) {
            node.put("status", payment.status().name()).put("amount", text(payment.amount()))
                    .put("refunded", text(payment.refunded())).put("currency", payment.currency())
                    .put("method", payment.method()).put("source", payment.source().name())
                    .put("invoiceId", id(payment.invoiceId())).put("dealId", id(payment.dealId()))
                    .put("contactId", id(payment.contactId())).put("customerEmail", payment.customerEmail());
        }
        return node;
    }

    /**
     * The record as one CRM keeps it: its id there ({@code crmId}); a lead's {@code converted} (HubSpot's lead stages
     * and monday's lead statuses know no conversion); in Salesforce, whose org has one currency and keeps no close
     * time, and in monday.com, whose numbers and date columns carry neither, a deal's amount in the home currency to
     * the cent and its {@code closedAt} at the start (UTC) of its close date.
     */
    static void asKeptIn(Company company, CrmSplit split, CrmSplit.Crm crm, Kind kind, Entity entity, ObjectNode node) {
        node.put("crmId", switch (crm) {
            case HUBSPOT -> String.valueOf(entity.id());
            case SALESFORCE -> SalesforceTruth.id(kind, entity.id());
            case MONDAY -> MondayTruth.id(kind, entity.id());
        });
        if (entity instanceof Lead lead) {
            node.put("converted", crm == CrmSplit.Crm.SALESFORCE && SalesforceTruth.converted(company, split, lead));
        } else if (entity instanceof Deal deal && crm != CrmSplit.Crm.HUBSPOT) {
            boolean salesforce = crm == CrmSplit.Crm.SALESFORCE;
            BigDecimal amount = salesforce ? SalesforceTruth.amount(deal) : MondayTruth.amount(deal);
            node.put("amount", text(amount)).put("currency", Company.HOME_CURRENCY)
                    .put("amountInHomeCurrency", text(amount));
            if (deal.closedAt() != null) {
                LocalDate closeDate = salesforce ? SalesforceTruth.closeDate(deal) : MondayTruth.closeDate(deal);
                node.put("closedAt", text(closeDate.atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
        }
    }

    private static void deal(Deal deal, ObjectNode node) {
        node.put("name", deal.name()).put("inPipeline", deal.inPipeline())
                .put("stage", name(deal.stage())).put("stageCategory", deal.category().name());
        if (deal.probability() == null) {
            node.putNull("probability");
        } else {
            node.put("probability", deal.probability());
        }
        node.put("closedAt", text(deal.closedAt())).put("expectedCloseDate", text(deal.expectedCloseDate()))
                .put("amount", text(deal.amount())).put("currency", deal.currency())
                .put("amountInHomeCurrency", text(deal.amountInHomeCurrency()))
                .put("homeCurrency", Company.HOME_CURRENCY).put("ownerId", id(deal.ownerId()))
                .put("leadSource", name(deal.leadSource())).put("lossReason", deal.lossReason())
                .put("newBusiness", deal.newBusiness()).put("accountId", id(deal.accountId()));
        ids(node.putArray("contactIds"), deal.contactIds());
        ids(node.putArray("lineItemIds"), deal.lineItemIds());
        ArrayNode history = node.putArray("history");
        for (StageChange change : deal.history()) {
            history.addObject().put("stage", change.stage().name()).put("at", text(change.at()));
        }
    }

    private static void contact(Contact contact, ObjectNode node) {
        node.put("firstName", contact.firstName()).put("lastName", contact.lastName()).put("email", contact.email());
        ArrayNode emails = node.putArray("additionalEmails");
        contact.additionalEmails().forEach(emails::add);
        node.put("phone", contact.phone()).put("mobilePhone", contact.mobilePhone())
                .put("jobTitle", contact.jobTitle()).put("accountId", id(contact.accountId()))
                .put("ownerId", id(contact.ownerId())).put("leadSource", name(contact.leadSource()))
                .put("lifecycleStage", contact.lifecycleStage().name()).put("duplicateOf", id(contact.duplicateOf()));
    }

    private static void ids(ArrayNode array, List<Long> ids) {
        ids.forEach(id -> array.add(String.valueOf(id)));
    }

    private static String id(Long id) {
        return id == null ? null : String.valueOf(id);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String text(BigDecimal decimal) {
        return decimal == null ? null : decimal.toPlainString();
    }
}

package dev.ledgerline.ledger.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.ledger.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Pushes one queued document to QuickBooks, creating its customer and items first when QuickBooks does not hold them
 * yet, and records the outcome on its row. Creates send the row's requestid, so a create whose answer was lost is
 * answered, when repeated, with the object QuickBooks already made. Updates and voids send the SyncToken held;
 * a stale-object fault (5010) re-reads the object once and repeats the update with its current SyncToken.
 */
@ApplicationScoped
class QuickBooksPusher {
    private static final Logger LOG = Logger.getLogger(QuickBooksPusher.class);

    /** QuickBooks' path and answer type of what a document became. */
    private record Target(String path, String type) {
        static Target ofType(String type) {
            return new Target(type.toLowerCase(java.util.Locale.ROOT), type);
        }
    }

    private static final Target INVOICE = Target.ofType("Invoice");
    private static final Target SALES_RECEIPT = Target.ofType("SalesReceipt");
    private static final Target PAYMENT = Target.ofType("Payment");
    private static final Target REFUND_RECEIPT = Target.ofType("RefundReceipt");

    /** A result that is not a QuickBooks object: the document waits for another one to be pushed first. */
    private static final class Waiting extends RuntimeException {
        Waiting(String reason) {
            super(reason, null, false, false);
        }
    }

    private final QuickBooksClient client;
    private final PushReader reader;
    private final SyncRows rows;
    /** One create at a time per customer or item of this instance (a company is pushed by one instance). */
    private final Map<String, Object> dependencyLocks = new ConcurrentHashMap<>();

    QuickBooksPusher(QuickBooksClient client, PushReader reader, SyncRows rows) {
        this.client = client;
        this.reader = reader;
        this.rows = rows;
    }

    void push(Company company, PushData.Row row) {
        try {
            PushData.Document document = reader.document(UUID.fromString(row.localId()));
            switch (document.kind()) {
                case INVOICE -> create(company, row, INVOICE, QuickBooksPayloads.invoice(document,
                        customerId(company, document), itemIds(company, document), company.taxCodes()));
                case SALES_RECEIPT -> create(company, row, SALES_RECEIPT,
                        QuickBooksPayloads.salesReceipt(document, customerId(company, document), company.taxCodes()));
                case PAYMENT -> {
                    String invoiceId = document.target() == null ? null : required(company, document.target(), "its invoice").qboId();
                    create(company, row, PAYMENT, QuickBooksPayloads.payment(document, customerId(company, document), invoiceId));
                }
                case ADJUSTMENT -> adjust(company, row, document);
                case VOID -> voidTarget(company, row, document);
            }
        } catch (Waiting waiting) {
            rows.waiting(row.id(), waiting.getMessage());
        } catch (QuickBooksException e) {
            LOG.warnf("QuickBooks push of %s %s (tenant %s) failed: %s", row.entity(), row.localId(), row.tenantId(),
                    e.getMessage());
            rows.failed(row.id(), e);
        }
    }

    private void create(Company company, PushData.Row row, Target target, ObjectNode body) {
        JsonNode created = client.create(company, target.path(), row.requestId(), body).get(target.type());
        rows.synced(row.id(), target.type(), created.get("Id").asText(), created.get("SyncToken").asText());
    }

    private void adjust(Company company, PushData.Row row, PushData.Document document) {
        if (document.ledgerInvoiceId() != null && document.movesMoney()) {
            refund(company, row, document);
            return;
        }
        PushData.Row target = required(company, document.target(), document.ledgerInvoiceId() != null
                ? "its invoice" : "its sales receipt");
        if (document.invoiceVoided()) {
            // The void that follows replaces what QuickBooks would show for this adjustment.
            rows.synced(row.id(), target.qboType(), target.qboId(), target.syncToken());
            return;
        }
        ObjectNode changes = document.ledgerInvoiceId() != null
                ? QuickBooksPayloads.invoice(document, null, itemIds(company, document), company.taxCodes())
                : QuickBooksPayloads.salesReceiptLines(document, company.taxCodes());
        update(company, row, target, "update", changes);
    }

    /**
     * Money paid back on an invoice, as a RefundReceipt of the company's refund account; it stands on its own in
     * QuickBooks, so it is pushed even when the invoice has been voided since.
     */
    private void refund(Company company, PushData.Row row, PushData.Document document) {
        if (company.refundAccountId() == null) {
            throw new Waiting("waiting for the company's refundAccountId (the account refunds are paid from):"
                    + " set it with PUT /quickbooks to push this refund");
        }
        create(company, row, REFUND_RECEIPT, QuickBooksPayloads.refundReceipt(document, customerId(company, document),
                document.invoiceNumber(), company.refundAccountId(), company.taxCodes()));
    }

    private void voidTarget(Company company, PushData.Row row, PushData.Document document) {
        PushData.Row target = required(company, document.target(), "the document it voids");
        // Invoices have operation=void; sales receipts and payments are voided by an update with include=void.
        String operation = "Invoice".equals(target.qboType()) ? "void" : "update&include=void";
        update(company, row, target, operation, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /**
     * Changes the target's QuickBooks object with its SyncToken; on a stale object, reads the current SyncToken and
     * tries once more. The requestid is derived from the row and the SyncToken sent, so a repeat of the same update
     * is recognised by QuickBooks while the update after a re-read is a new request.
     */
    private void update(Company company, PushData.Row row, PushData.Row target, String operation, ObjectNode changes) {
        Target type = Target.ofType(target.qboType());
        String syncToken = target.syncToken();
        for (int attempt = 1; ; attempt++) {
            UUID requestId = Ids.of("qbo-update", row.requestId().toString(), syncToken);
            try {
                JsonNode changed = client.operation(company, type.path(), operation, requestId,
                        QuickBooksPayloads.sparse(changes, target.qboId(), syncToken)).get(type.type());
                String newToken = changed.get("SyncToken").asText();
                rows.syncToken(target.id(), newToken);
                rows.synced(row.id(), type.type(), target.qboId(), newToken);
                return;
            } catch (QuickBooksException.Fault fault) {
                if (!fault.staleObject() || attempt > 1) {
                    throw fault;
                }
                String current = client.read(company, type.path(), target.qboId()).get(type.type()).get("SyncToken").asText();
                LOG.infof("Stale SyncToken %s of %s %s (tenant %s); current %s, updating again", syncToken, type.type(),
                        target.qboId(), company.tenantId(), current);
                rows.syncToken(target.id(), current);
                syncToken = current;
            }
        }
    }

    /** The row of the document this one needs, once QuickBooks holds it. */
    private PushData.Row required(Company company, UUID documentId, String what) {
        PushData.Row target = rows.anyDocument(company.tenantId(), documentId);
        if (target == null || !target.synced()) {
            throw new Waiting("waiting for " + what + " (document " + documentId + ") to be in QuickBooks");
        }
        return target;
    }

    private String customerId(Company company, PushData.Document document) {
        PushData.Customer customer = reader.customer(document.customer());
        return dependency(company, SyncEntity.CUSTOMER, customer.id().toString(), "customer " + customer.displayName(),
                row -> client.create(company, "customer", row.requestId(), QuickBooksPayloads.customer(customer))
                        .get("Customer"));
    }

    private Map<String, String> itemIds(Company company, PushData.Document document) {
        Map<String, String> ids = new HashMap<>();
        document.lines().stream().map(PushData.Line::itemId).filter(Objects::nonNull).distinct().forEach(itemId -> {
            PushData.Item item = reader.item(company.tenantId(), itemId);
            if (item != null) {
                ids.put(itemId, dependency(company, SyncEntity.ITEM, itemId, "item " + item.name(),
                        row -> client.create(company, "item", row.requestId(),
                                QuickBooksPayloads.item(item, company.incomeAccountId())).get("Item")));
            }
        });
        return ids;
    }

    /** The QuickBooks id of a customer or item, created first if QuickBooks does not hold it yet. */
    private String dependency(Company company, SyncEntity entity, String localId, String what,
            Function<PushData.Row, JsonNode> create) {
        PushData.Row row = rows.dependency(company.tenantId(), entity, localId);
        if (row.synced()) {
            return row.qboId();
        }
        synchronized (dependencyLocks.computeIfAbsent(company.tenantId() + "|" + entity + "|" + localId, key -> new Object())) {
            row = rows.dependency(company.tenantId(), entity, localId);
            if (row.synced()) {
                return row.qboId();
            }
            try {
                JsonNode created = create.apply(row);
                rows.synced(row.id(), entity == SyncEntity.CUSTOMER ? "Customer" : "Item", created.get("Id").asText(),
                        created.get("SyncToken").asText());
                return created.get("Id").asText();
            } catch (QuickBooksException e) {
                rows.failed(row.id(), e);
                throw new QuickBooksException.DependencyFailed(what, e);
            }
        }
    }
}

package dev.ledgerline.ledger.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.ledger.Ids;
import dev.ledgerline.ledger.catalog.ItemLinkEntity;
import dev.ledgerline.consume.Outcome;
import dev.ledgerline.ledger.customer.CustomerHint;
import dev.ledgerline.ledger.customer.CustomerOrigin;
import dev.ledgerline.ledger.customer.CustomerResolver;
import dev.ledgerline.ledger.journal.DocumentDraft;
import dev.ledgerline.ledger.journal.DocumentKind;
import dev.ledgerline.ledger.journal.PostedDocument;
import dev.ledgerline.ledger.payment.PaymentEntity;
import dev.ledgerline.ledger.payment.PaymentLedger;
import dev.ledgerline.ledger.posting.Currencies;
import dev.ledgerline.ledger.posting.InvoiceFigures;
import dev.ledgerline.ledger.posting.InvoiceKey;
import dev.ledgerline.ledger.posting.InvoiceVersion;
import dev.ledgerline.ledger.posting.JournalDraft;
import dev.ledgerline.ledger.posting.MoneyAllocation;
import dev.ledgerline.ledger.posting.RejectedRecord;
import dev.ledgerline.ledger.tenant.ConnectionEntity;
import dev.ledgerline.ledger.tenant.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The posting rules of invoices (README, "Posting rules"). Every version of an invoice is compared with what the
 * ledger has posted for it, and the difference is posted — so a redelivered or replayed version posts nothing:
 *
 * <ul>
 *   <li>first issued (SENT, PARTIALLY_PAID or PAID) and created at or after the connection's syncInvoicesSince:
 *       an INVOICE document replicating its lines, discounts, taxes and total, then its money (a PAYMENT);</li>
 *   <li>created before the cut-off: never enters, nor do its payments;</li>
 *   <li>amounts changed while not voided: an ADJUSTMENT of the difference (money beyond a lowered total becomes
 *       customer credit);</li>
 *   <li>money received changed (amount paid, payment records): a PAYMENT, or an ADJUSTMENT for a refund;</li>
 *   <li>voided or deleted: a VOID reversing the invoice; money received for it becomes customer credit.</li>
 * </ul>
 */
@ApplicationScoped
public class InvoiceLedger {
    private final InvoicePostings postings;
    private final PaymentLedger payments;
    private final CustomerResolver customers;
    private final Tenants tenants;
    private final ObjectMapper json;
    private final Clock clock;

    InvoiceLedger(InvoicePostings postings, PaymentLedger payments, CustomerResolver customers, Tenants tenants,
            ObjectMapper json, Clock clock) {
        this.postings = postings;
        this.payments = payments;
        this.customers = customers;
        this.tenants = tenants;
        this.json = json;
        this.clock = clock;
    }

    /** The ledger id of an invoice: the same CRM invoice always has the same ledger invoice. */
    public static java.util.UUID idOf(InvoiceKey key) {
        return Ids.of("invoice", key.tenantId(), key.connectionId(), key.source(), key.origin().name(), key.externalId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(InvoiceVersion version) {
        SourceInvoiceEntity source = SourceInvoiceEntity.find(version.key());
        if (source != null && version.sourceUpdatedAt().isBefore(source.sourceUpdatedAt)) {
            return Outcome.STALE;
        }
        check(version);
        boolean created = source == null;
        if (created) {
            source = new SourceInvoiceEntity();
            source.tenantId = version.key().tenantId();
            source.connectionId = version.key().connectionId();
            source.source = version.key().source();
            source.origin = version.key().origin();
            source.externalId = version.key().externalId();
            // Until evaluated: the state a new invoice is in when nothing else is known.
            source.state = SourceState.WAITING_FOR_CONNECTION;
        }
        if (version.deleted() && !created) {
            // A DELETE carries only the envelope; the cut-off still needs to know when the invoice was created.
            version = version.createdAt(read(source.snapshot).createdAt());
        }
        source.sourceUpdatedAt = version.sourceUpdatedAt();
        source.snapshot = write(version);
        source.updatedAt = clock.instant();
        if (created) {
            source.persist();
        }
        evaluate(source, version);
        return Outcome.APPLIED;
    }

    /**
     * A connection record arrived or changed: its invoices that waited for it, or were before a cut-off that has
     * moved earlier, or were won deals while won deals were not invoiced, are looked at again. Invoices already posted
     * stay as they are (a later cut-off does not take them out of the books).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reconsider(ConnectionEntity connection) {
        List<SourceInvoiceEntity> candidates = SourceInvoiceEntity.list(
                "tenantId = ?1 and connectionId = ?2 and state in ?3", connection.tenantId, connection.connectionId,
                List.of(SourceState.WAITING_FOR_CONNECTION, SourceState.BEFORE_CUTOFF, SourceState.NOT_SENT));
        for (SourceInvoiceEntity source : candidates) {
            evaluate(source, read(source.snapshot));
        }
    }

    /** What must hold of a version before it is stored, so that a stored version can always be posted later. */
    private static void check(InvoiceVersion version) {
        if (version.deleted()) {
            return;
        }
        if (version.currency() != null || version.issued()) {
            Currencies.require(version.currency(), "Invoice " + version.key().externalId());
        }
        if (version.createdAt() == null) {
            throw new RejectedRecord(RejectedRecord.INVALID_RECORD,
                    "Invoice " + version.key().externalId() + " has no creation time");
        }
        if (version.issued()) {
            InvoiceFigures.of(version);
        }
    }

    private void evaluate(SourceInvoiceEntity source, InvoiceVersion version) {
        LedgerInvoiceEntity invoice = source.ledgerInvoiceId == null ? null
                : LedgerInvoiceEntity.findById(source.ledgerInvoiceId);
        if (invoice != null) {
            change(invoice, version);
            return;
        }
        ConnectionEntity connection = ConnectionEntity.find(source.tenantId, source.connectionId);
        if (connection == null) {
            source.state = SourceState.WAITING_FOR_CONNECTION;
        } else if (version.createdAt() != null && version.createdAt().isBefore(connection.syncInvoicesSince)) {
            source.state = SourceState.BEFORE_CUTOFF;
            payments.invoiceExcluded(source.key());
        } else if (version.closed()) {
            source.state = SourceState.CLOSED_UNPOSTED;
            payments.invoiceClosedUnposted(source.key());
        } else if (source.origin == InvoiceKey.Origin.WON_DEAL && !connection.invoiceOnWonDeal) {
            source.state = SourceState.NOT_SENT;
        } else if (!version.issued()) {
            source.state = SourceState.NOT_SENT;
        } else {
            source.ledgerInvoiceId = post(version).id;
            source.state = SourceState.POSTED;
        }
    }

    private LedgerInvoiceEntity post(InvoiceVersion version) {
        InvoiceKey key = version.key();
        InvoiceFigures figures = InvoiceFigures.of(version);
        Instant now = clock.instant();
        LedgerInvoiceEntity invoice = new LedgerInvoiceEntity();
        invoice.id = idOf(key);
        invoice.tenantId = key.tenantId();
        invoice.connectionId = key.connectionId();
        invoice.source = key.source();
        invoice.origin = key.origin();
        invoice.externalId = key.externalId();
        invoice.number = version.number();
        invoice.customer = customers.resolve(new CustomerHint(key.tenantId(), key.connectionId(), key.source(),
                version.customerId(), version.accountId(), version.contactId(), version.customerEmail(),
                version.customerName(), key.origin() == InvoiceKey.Origin.WON_DEAL ? CustomerOrigin.WON_DEAL
                        : CustomerOrigin.INVOICE, "invoice " + key));
        invoice.dealId = version.dealId();
        invoice.currency = figures.currency();
        invoice.issueDate = issueDate(version);
        invoice.dueDate = version.dueDate();
        invoice.crmAmountPaid = amountPaid(version, figures);
        invoice.allocate(MoneyAllocation.none());
        invoice.voided = false;
        invoice.sourceUpdatedAt = version.sourceUpdatedAt();
        invoice.createdAt = now;
        invoice.updatedAt = now;
        setFigures(invoice, figures);
        List<DocumentDraft.SoldLine> lines = replaceLines(invoice, figures);
        PostedDocument document = postings.post(invoice, DocumentKind.INVOICE,
                new InvoicePostings.Cause(key.externalId(), invoice.issueDate), figures.total(), lines, figures.entry());
        invoice.invoiceDocumentId = document.document().id;
        // Stored once it has its invoice document: the row never exists without it.
        invoice.persist();
        List<PaymentEntity> applied = payments.applyWaiting(invoice, key);
        postings.settle(invoice, applied, paidCause(invoice, version));
        return invoice;
    }

    private void change(LedgerInvoiceEntity invoice, InvoiceVersion version) {
        if (invoice.voided) {
            return;
        }
        invoice.sourceUpdatedAt = version.sourceUpdatedAt();
        invoice.updatedAt = clock.instant();
        InvoiceFigures posted = figuresOf(invoice);
        if (version.closed()) {
            MoneyAllocation before = invoice.allocation();
            MoneyAllocation after = MoneyAllocation.of(BigDecimal.ZERO, before.received());
            JournalDraft entry = posted.changeTo(InvoiceFigures.none(invoice.currency), "Invoice voided")
                    .plus(before.changeTo(after, "Money received for a voided invoice"));
            Instant voidedAt = version.voidedAt() != null ? version.voidedAt() : version.sourceUpdatedAt();
            postings.post(invoice, DocumentKind.VOID, new InvoicePostings.Cause(invoice.externalId,
                    tenants.dateOf(invoice.tenantId, voidedAt)), invoice.total.negate(), List.of(), entry);
            invoice.voided = true;
            invoice.allocate(after);
            return;
        }
        if (!version.issued()) {
            // Back to draft in the CRM: the ledger keeps the invoice it was sent as.
            return;
        }
        if (!Objects.equals(version.currency(), invoice.currency)) {
            throw new RejectedRecord(RejectedRecord.CURRENCY_MISMATCH, "Invoice " + invoice.externalId
                    + " changed its currency from " + invoice.currency + " to " + version.currency()
                    + "; void it and issue a new invoice");
        }
        InvoiceFigures next = InvoiceFigures.of(version);
        if (next.amountsDiffer(posted)) {
            MoneyAllocation before = invoice.allocation();
            MoneyAllocation after = MoneyAllocation.of(next.total(), before.received());
            JournalDraft entry = posted.changeTo(next, "Invoice adjusted")
                    .plus(before.changeTo(after, "Payments beyond the adjusted total"));
            List<DocumentDraft.SoldLine> lines = replaceLines(invoice, next);
            postings.post(invoice, DocumentKind.ADJUSTMENT, new InvoicePostings.Cause(invoice.externalId,
                    tenants.dateOf(invoice.tenantId, version.sourceUpdatedAt())),
                    next.total().subtract(posted.total()), lines, entry);
            // Figures and allocation change together, after the posting's queries: a flush never sees them apart.
            setFigures(invoice, next);
            invoice.allocate(after);
        } else if (!next.lines().equals(posted.lines())) {
            // Same amounts, other lines (a product or description changed): nothing to post, profitability follows.
            replaceLines(invoice, next);
        }
        invoice.number = version.number() != null ? version.number() : invoice.number;
        invoice.dueDate = version.dueDate();
        invoice.crmAmountPaid = amountPaid(version, next);
        postings.settle(invoice, List.of(), paidCause(invoice, version));
    }

    /** What the CRM says is paid: its amount paid, else the total of a PAID invoice, else nothing. */
    private static BigDecimal amountPaid(InvoiceVersion version, InvoiceFigures figures) {
        if (version.amountPaid() != null) {
            return Currencies.round(version.amountPaid().max(BigDecimal.ZERO), figures.currency());
        }
        return version.status() == InvoiceVersion.Status.PAID ? figures.total() : Currencies.zero();
    }

    private InvoicePostings.Cause paidCause(LedgerInvoiceEntity invoice, InvoiceVersion version) {
        Instant at = version.paidAt() != null ? version.paidAt() : version.sourceUpdatedAt();
        return new InvoicePostings.Cause(invoice.externalId, tenants.dateOf(invoice.tenantId, at));
    }

    private LocalDate issueDate(InvoiceVersion version) {
        return version.issueDate() != null ? version.issueDate()
                : tenants.dateOf(version.key().tenantId(), version.createdAt());
    }

    private static void setFigures(LedgerInvoiceEntity invoice, InvoiceFigures figures) {
        invoice.total = figures.total();
        invoice.discountTotal = figures.discountTotal();
        invoice.taxTotal = figures.taxTotal();
        invoice.revenue = figures.revenue();
    }

    private static InvoiceFigures figuresOf(LedgerInvoiceEntity invoice) {
        List<InvoiceFigures.LineFigures> lines = LedgerInvoiceLineEntity
                .<LedgerInvoiceLineEntity>list("invoiceId = ?1 order by lineNo", invoice.id).stream()
                .map(line -> new InvoiceFigures.LineFigures(line.productId, line.description, line.sku, line.quantity,
                        line.unitPrice, line.discountAmount, line.taxAmount, line.amount))
                .toList();
        return new InvoiceFigures(invoice.currency, lines, invoice.discountTotal, invoice.taxTotal, invoice.total,
                invoice.revenue);
    }

    /** Makes the figures' lines the invoice's current lines; returns them with their catalog items. */
    private static List<DocumentDraft.SoldLine> replaceLines(LedgerInvoiceEntity invoice, InvoiceFigures figures) {
        List<LedgerInvoiceLineEntity> current = LedgerInvoiceLineEntity.list("invoiceId = ?1 order by lineNo", invoice.id);
        for (LedgerInvoiceLineEntity gone : current.subList(Math.min(current.size(), figures.lines().size()), current.size())) {
            gone.delete();
        }
        List<DocumentDraft.SoldLine> sold = new ArrayList<>();
        for (InvoiceFigures.LineFigures line : figures.lines()) {
            LedgerInvoiceLineEntity row;
            if (sold.size() < current.size()) {
                row = current.get(sold.size());
            } else {
                row = new LedgerInvoiceLineEntity();
                row.invoiceId = invoice.id;
                row.lineNo = sold.size() + 1;
            }
            row.productId = line.productId();
            row.itemId = ItemLinkEntity.itemOf(invoice.tenantId, invoice.connectionId, invoice.source, line.productId());
            row.description = line.description();
            row.sku = line.sku();
            row.quantity = line.quantity();
            row.unitPrice = line.unitPrice();
            row.discountAmount = line.discount();
            row.taxAmount = line.tax();
            row.amount = line.amount();
            if (!row.isPersistent()) {
                row.persist();
            }
            sold.add(new DocumentDraft.SoldLine(line, row.itemId));
        }
        return sold;
    }

    private String write(InvoiceVersion version) {
        try {
            return json.writeValueAsString(version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store invoice version " + version.key(), e);
        }
    }

    private InvoiceVersion read(String snapshot) {
        try {
            return json.readValue(snapshot, InvoiceVersion.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored invoice version", e);
        }
    }
}

package dev.ledgerline.ledger.payment;

import dev.ledgerline.ledger.Ids;
import dev.ledgerline.consume.Outcome;
import dev.ledgerline.ledger.customer.CustomerHint;
import dev.ledgerline.ledger.customer.CustomerOrigin;
import dev.ledgerline.ledger.customer.CustomerResolver;
import dev.ledgerline.ledger.invoice.InvoicePostings;
import dev.ledgerline.ledger.invoice.LedgerInvoiceEntity;
import dev.ledgerline.ledger.invoice.SourceInvoiceEntity;
import dev.ledgerline.ledger.journal.DocumentDraft;
import dev.ledgerline.ledger.journal.DocumentKind;
import dev.ledgerline.ledger.journal.Journal;
import dev.ledgerline.ledger.journal.PostedDocument;
import dev.ledgerline.ledger.posting.Currencies;
import dev.ledgerline.ledger.posting.InvoiceFigures;
import dev.ledgerline.ledger.posting.InvoiceKey;
import dev.ledgerline.ledger.posting.JournalDraft;
import dev.ledgerline.ledger.posting.OwnPosting;
import dev.ledgerline.ledger.posting.RejectedRecord;
import dev.ledgerline.ledger.tenant.ConnectionEntity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The posting rules of payments. A payment that names an invoice counts towards that invoice's money received
 * (posted by {@link InvoicePostings#settle}); one that waits for its invoice is applied when the invoice is posted.
 * A payment without invoice is a sales receipt. A connection that invoices won deals applies a payment naming a deal
 * (and no invoice) to that deal's invoice. A smaller amount is a refund (an ADJUSTMENT), a deleted payment reverses
 * what it posted (a VOID).
 */
@ApplicationScoped
public class PaymentLedger {
    private static final Logger LOG = Logger.getLogger(PaymentLedger.class);

    private final InvoicePostings invoicePostings;
    private final Journal journal;
    private final CustomerResolver customers;
    private final MeterRegistry registry;
    private final Clock clock;

    PaymentLedger(InvoicePostings invoicePostings, Journal journal, CustomerResolver customers, MeterRegistry registry,
            Clock clock) {
        this.invoicePostings = invoicePostings;
        this.journal = journal;
        this.customers = customers;
        this.registry = registry;
        this.clock = clock;
    }

    public static UUID idOf(String tenantId, String connectionId, String source, String externalId) {
        return Ids.of("payment", tenantId, connectionId, source, externalId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(PaymentVersion version) {
        UUID id = idOf(version.tenantId(), version.connectionId(), version.source(), version.externalId());
        PaymentEntity payment = PaymentEntity.findById(id);
        if (payment != null && version.sourceUpdatedAt().isBefore(payment.sourceUpdatedAt)) {
            return Outcome.STALE;
        }
        if (!version.deleted()) {
            Currencies.require(version.currency(), "Payment " + version.externalId());
        }
        boolean created = payment == null;
        if (created) {
            payment = new PaymentEntity();
            payment.id = id;
            payment.tenantId = version.tenantId();
            payment.connectionId = version.connectionId();
            payment.source = version.source();
            payment.externalId = version.externalId();
            payment.posted = Currencies.zero();
            payment.revision = 0;
        }
        PaymentRole before = payment.role;
        UUID invoiceBefore = payment.ledgerInvoiceId;
        payment.sourceUpdatedAt = version.sourceUpdatedAt();
        payment.updatedAt = clock.instant();
        if (version.deleted()) {
            payment.amount = Currencies.zero();
            payment.role = PaymentRole.DELETED;
            payment.roleReason = null;
            payment.ledgerInvoiceId = null;
        } else {
            payment.currency = version.currency();
            payment.amount = Currencies.round(version.amount(), version.currency());
            payment.dealId = version.dealId();
            payment.contactId = version.contactId();
            payment.payerName = version.customerName();
            payment.payerEmail = version.customerEmail();
            payment.method = version.method();
            payment.kind = version.kind();
            payment.reference = version.reference();
            payment.paidAt = version.paidAt();
            InvoiceKey invoice = invoiceOf(version);
            payment.invoiceOrigin = invoice == null ? null : invoice.origin();
            payment.invoiceExternalId = invoice == null ? null : invoice.externalId();
            place(payment, invoice);
        }
        if (created) {
            payment.persist();
        }
        postOwn(payment, before);
        InvoicePostings.Cause cause = invoicePostings.causeOf(payment);
        if (invoiceBefore != null && !invoiceBefore.equals(payment.ledgerInvoiceId)) {
            invoicePostings.settle(LedgerInvoiceEntity.findById(invoiceBefore), List.of(), cause);
        }
        if (payment.ledgerInvoiceId != null) {
            invoicePostings.settle(LedgerInvoiceEntity.findById(payment.ledgerInvoiceId), List.of(), cause);
        }
        return Outcome.APPLIED;
    }

    /** The invoice is being posted: payments that waited for it are applied (in paid order); returns them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<PaymentEntity> applyWaiting(LedgerInvoiceEntity invoice, InvoiceKey key) {
        List<PaymentEntity> applied = new ArrayList<>();
        for (PaymentEntity payment : PaymentEntity.waitingFor(key)) {
            if (!payment.currency.equals(invoice.currency)) {
                reject(payment, invoice);
                continue;
            }
            payment.role = PaymentRole.INVOICE;
            payment.roleReason = null;
            payment.ledgerInvoiceId = invoice.id;
            payment.customer = invoice.customer;
            applied.add(payment);
        }
        return applied;
    }

    /** The invoice was voided or deleted before it was posted: money waiting for it becomes customer credit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invoiceClosedUnposted(InvoiceKey key) {
        for (PaymentEntity payment : PaymentEntity.waitingFor(key)) {
            PaymentRole before = payment.role;
            payment.role = PaymentRole.UNAPPLIED;
            payment.roleReason = "invoice " + key.externalId() + " was voided or deleted before it was posted";
            payment.customer = payerOf(payment);
            postOwn(payment, before);
        }
    }

    /** The invoice was created before the connection's cut-off: so are its payments, as far as the ledger goes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invoiceExcluded(InvoiceKey key) {
        for (PaymentEntity payment : PaymentEntity.waitingFor(key)) {
            payment.role = PaymentRole.EXCLUDED;
            payment.roleReason = "invoice " + key.externalId() + " was created before the connection's syncInvoicesSince";
        }
    }

    /** The invoice a payment settles: the one it names, else (when won deals are invoiced) its deal's. */
    private static InvoiceKey invoiceOf(PaymentVersion version) {
        if (version.invoiceId() != null) {
            return new InvoiceKey(version.tenantId(), version.connectionId(), version.source(),
                    InvoiceKey.Origin.CRM_INVOICE, version.invoiceId());
        }
        if (version.dealId() != null) {
            ConnectionEntity connection = ConnectionEntity.find(version.tenantId(), version.connectionId());
            if (connection != null && connection.invoiceOnWonDeal) {
                return new InvoiceKey(version.tenantId(), version.connectionId(), version.source(),
                        InvoiceKey.Origin.WON_DEAL, version.dealId());
            }
        }
        return null;
    }

    private void place(PaymentEntity payment, InvoiceKey invoiceKey) {
        payment.roleReason = null;
        payment.ledgerInvoiceId = null;
        if (invoiceKey == null) {
            payment.role = PaymentRole.RECEIPT;
            payment.customer = payerOf(payment);
            return;
        }
        SourceInvoiceEntity source = SourceInvoiceEntity.find(invoiceKey);
        if (source == null || source.state == null) {
            payment.role = PaymentRole.WAITING;
            return;
        }
        switch (source.state) {
            case BEFORE_CUTOFF -> {
                payment.role = PaymentRole.EXCLUDED;
                payment.roleReason = "invoice " + invoiceKey.externalId() + " was created before the connection's syncInvoicesSince";
            }
            case CLOSED_UNPOSTED -> {
                payment.role = PaymentRole.UNAPPLIED;
                payment.roleReason = "invoice " + invoiceKey.externalId() + " was voided or deleted before it was posted";
                payment.customer = payerOf(payment);
            }
            case POSTED -> {
                LedgerInvoiceEntity invoice = LedgerInvoiceEntity.findById(source.ledgerInvoiceId);
                if (!invoice.currency.equals(payment.currency)) {
                    throw new RejectedRecord(RejectedRecord.CURRENCY_MISMATCH, "Payment " + payment.externalId
                            + " is in " + payment.currency + ", its invoice " + invoice.externalId + " in "
                            + invoice.currency + "; the ledger does not convert currencies");
                }
                payment.role = PaymentRole.INVOICE;
                payment.ledgerInvoiceId = invoice.id;
                payment.customer = invoice.customer;
            }
            default -> payment.role = PaymentRole.WAITING;
        }
    }

    private UUID payerOf(PaymentEntity payment) {
        if (payment.customer != null) {
            return payment.customer;
        }
        return customers.resolve(new CustomerHint(payment.tenantId, payment.connectionId, payment.source, null, null,
                payment.contactId, payment.payerEmail, payment.payerName, CustomerOrigin.PAYMENT,
                "payment " + payment.tenantId + "/" + payment.connectionId + "/" + payment.source + "/"
                        + payment.externalId));
    }

    private void reject(PaymentEntity payment, LedgerInvoiceEntity invoice) {
        payment.role = PaymentRole.REJECTED;
        payment.roleReason = "in " + payment.currency + ", invoice " + invoice.externalId + " in " + invoice.currency
                + "; the ledger does not convert currencies";
        registry.counter("ledgerline.ledger.payments.rejected", "reason", RejectedRecord.CURRENCY_MISMATCH).increment();
        LOG.warnf("Payment %s of tenant %s not applied: %s", payment.externalId, payment.tenantId, payment.roleReason);
    }

    /** Posts the change in what the payment posts on its own: a receipt or unapplied payment, its refund, its void. */
    private void postOwn(PaymentEntity payment, PaymentRole before) {
        OwnPosting was = ownPosting(before);
        OwnPosting now = ownPosting(payment.role);
        BigDecimal target = now == null ? Currencies.zero() : payment.amount;
        if (was == now) {
            BigDecimal change = target.subtract(payment.posted);
            if (now != null && change.signum() != 0) {
                post(payment, payment.posted.signum() == 0 ? firstKind(now) : DocumentKind.ADJUSTMENT, change, now);
                payment.posted = target;
            }
            return;
        }
        if (was != null && payment.posted.signum() > 0) {
            post(payment, DocumentKind.VOID, payment.posted.negate(), was);
            payment.posted = Currencies.zero();
        }
        if (now != null && target.signum() > 0) {
            post(payment, firstKind(now), target, now);
            payment.posted = target;
        }
    }

    private void post(PaymentEntity payment, DocumentKind kind, BigDecimal change, OwnPosting posting) {
        payment.revision++;
        boolean first = kind == firstKind(posting);
        List<DocumentDraft.SoldLine> lines = kind == DocumentKind.SALES_RECEIPT
                ? List.of(new DocumentDraft.SoldLine(new InvoiceFigures.LineFigures(null, describe(payment), null,
                        Currencies.exact(BigDecimal.ONE), change, Currencies.zero(), Currencies.zero(), change), null))
                : List.of();
        JournalDraft entry = posting.entry(change);
        String base = (posting == OwnPosting.SALES_RECEIPT ? "SR-" : "PMT-") + payment.externalId;
        PostedDocument posted = journal.post(new DocumentDraft(payment.tenantId, kind, null, payment.id,
                payment.revision, first ? base : base + "/" + kind.name().toLowerCase(Locale.ROOT) + "-" + payment.revision,
                invoicePostings.causeOf(payment).date(), null, payment.customer, payment.connectionId, payment.source,
                payment.externalId, payment.dealId, first ? null : payment.ownDocumentId, payment.currency, change,
                lines, entry));
        if (first) {
            payment.ownDocumentId = posted.document().id;
        }
        payment.lastDocumentId = posted.document().id;
    }

    private static String describe(PaymentEntity payment) {
        String what = switch (payment.kind == null ? "OTHER" : payment.kind) {
            case "ORDER" -> "Order payment";
            case "SUBSCRIPTION" -> "Subscription payment";
            case "INVOICE" -> "Invoice payment without invoice";
            default -> "Payment";
        };
        return payment.method == null ? what : what + " (" + payment.method + ")";
    }

    private static OwnPosting ownPosting(PaymentRole role) {
        if (role == PaymentRole.RECEIPT) {
            return OwnPosting.SALES_RECEIPT;
        }
        return role == PaymentRole.UNAPPLIED ? OwnPosting.UNAPPLIED : null;
    }

    private static DocumentKind firstKind(OwnPosting posting) {
        return posting == OwnPosting.SALES_RECEIPT ? DocumentKind.SALES_RECEIPT : DocumentKind.PAYMENT;
    }
}

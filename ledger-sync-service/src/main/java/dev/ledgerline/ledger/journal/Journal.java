package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.Ids;
import dev.ledgerline.ledger.customer.LedgerCustomerEntity;
import dev.ledgerline.ledger.posting.JournalDraft;
import dev.ledgerline.outbox.Outbox;
import dev.ledgerline.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Posts documents with their journal entries, inside the caller's transaction (the one that also records the input
 * record as processed). An unbalanced entry is refused here and, should code ever let one through, by the
 * database's deferred balance trigger at commit. Each posted document is appended to ledger.documents.v1 through the
 * outbox in the same transaction, so the topic carries exactly the documents that committed.
 */
@ApplicationScoped
public class Journal {
    private final ChartOfAccounts chart;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Outbox outbox;

    Journal(ChartOfAccounts chart, MeterRegistry registry, Clock clock, Outbox outbox) {
        this.chart = chart;
        this.registry = registry;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** The id of the subject's document with the given revision: the same input always posts the same ids. */
    public static UUID documentId(UUID subject, int revision) {
        return Ids.of("document", subject.toString(), Integer.toString(revision));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PostedDocument post(DocumentDraft draft) {
        draft.journal().requireBalanced();
        chart.ensure(draft.tenantId());
        Instant now = clock.instant();
        DocumentEntity document = new DocumentEntity();
        document.id = documentId(draft.subject(), draft.revision());
        document.tenantId = draft.tenantId();
        document.kind = draft.kind();
        document.ledgerInvoiceId = draft.ledgerInvoiceId();
        document.paymentId = draft.paymentId();
        document.revision = draft.revision();
        document.number = draft.number();
        document.documentDate = draft.date();
        document.dueDate = draft.dueDate();
        document.customer = draft.customer();
        document.connectionId = draft.connectionId();
        document.source = draft.source();
        document.sourceExternalId = draft.sourceExternalId();
        document.dealId = draft.dealId();
        document.relatedDocumentId = draft.relatedDocumentId();
        document.currency = draft.currency();
        document.total = draft.total();
        document.postedAt = now;
        document.persist();

        List<DocumentLineEntity> lines = new ArrayList<>();
        for (DocumentDraft.SoldLine sold : draft.lines()) {
            DocumentLineEntity line = new DocumentLineEntity();
            line.documentId = document.id;
            line.lineNo = lines.size() + 1;
            line.itemId = sold.itemId();
            line.description = sold.figures().description();
            line.quantity = sold.figures().quantity();
            line.unitPrice = sold.figures().unitPrice();
            line.discountAmount = sold.figures().discount();
            line.taxAmount = sold.figures().tax();
            line.amount = sold.figures().amount();
            line.persist();
            lines.add(line);
        }

        List<JournalLineEntity> journal = new ArrayList<>();
        List<JournalDraft.JournalLineDraft> drafts = draft.journal().lines();
        if (!drafts.isEmpty()) {
            JournalEntryEntity entry = new JournalEntryEntity();
            entry.id = Ids.of("entry", document.id.toString());
            entry.tenantId = draft.tenantId();
            entry.documentId = document.id;
            entry.entryDate = draft.date();
            entry.currency = draft.currency();
            entry.customer = draft.customer();
            entry.postedAt = now;
            entry.persist();
            for (JournalDraft.JournalLineDraft lineDraft : drafts) {
                JournalLineEntity line = new JournalLineEntity();
                line.entryId = entry.id;
                line.lineNo = journal.size() + 1;
                line.tenantId = draft.tenantId();
                line.accountCode = lineDraft.account().code();
                line.side = lineDraft.side() == JournalDraft.Side.DEBIT ? JournalLineEntity.DEBIT : JournalLineEntity.CREDIT;
                line.amount = lineDraft.amount();
                line.memo = lineDraft.memo();
                line.persist();
                journal.add(line);
            }
        }
        PostedDocument posted = new PostedDocument(document, lines, journal);
        outbox.append(Topics.LEDGER_DOCUMENTS, LedgerDocumentMapper.key(document),
                LedgerDocumentMapper.toWire(posted, customersV1Id(document.customer)));
        registry.counter("ledgerline.ledger.documents.posted", "kind", draft.kind().name()).increment();
        return posted;
    }

    /** The customers.v1 id of a ledger customer; null for one the ledger created that no customers.v1 record claimed. */
    private static String customersV1Id(UUID ledgerCustomer) {
        if (ledgerCustomer == null) {
            return null;
        }
        LedgerCustomerEntity customer = LedgerCustomerEntity.findById(ledgerCustomer);
        return customer == null ? null : customer.customerId;
    }
}

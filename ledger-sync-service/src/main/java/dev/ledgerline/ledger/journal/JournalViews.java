package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.rest.CustomerRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The REST views of documents and journal entries. */
public final class JournalViews {
    private JournalViews() {
    }

    /** A posted document with what it sold and its journal entry. */
    public record DocumentView(UUID id, String kind, String number, LocalDate date, LocalDate dueDate,
            CustomerRef customer, String connectionId, String source, String sourceExternalId, String dealId,
            UUID invoiceId, UUID relatedDocumentId, String currency, BigDecimal total, Instant postedAt,
            List<SoldLineView> lines, List<JournalLineView> journal) {
    }

    public record SoldLineView(String description, String itemId, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal discountAmount, BigDecimal taxAmount, BigDecimal amount) {
    }

    /** One journal line: exactly one of debit and credit is above zero. */
    public record JournalLineView(String account, String code, String name, BigDecimal debit, BigDecimal credit,
            String memo) {
    }

    /** A journal entry: the document it posts, its date and currency, and its balanced lines. */
    public record EntryView(UUID entryId, UUID documentId, String documentKind, String documentNumber, LocalDate date,
            String currency, CustomerRef customer, List<JournalLineView> lines) {
    }
}

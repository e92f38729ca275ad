package dev.ledgerline.ledger.journal;

import java.util.List;

/** A document as posted: the document, what it sold, and the lines of its journal entry (empty for none). */
public record PostedDocument(DocumentEntity document, List<DocumentLineEntity> lines,
        List<JournalLineEntity> journal) {
}

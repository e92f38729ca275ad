package dev.ledgerline.ledger.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The balanced double-entry journal entry of one document, in the document's one currency. */
@Entity
@Table(name = "journal_entry")
public class JournalEntryEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    public UUID documentId;
    public LocalDate entryDate;
    public String currency;
    public UUID customer;
    public Instant postedAt;
}

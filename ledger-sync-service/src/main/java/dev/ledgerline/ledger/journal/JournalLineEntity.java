package dev.ledgerline.ledger.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** One line of a journal entry: a positive amount on the debit ('D') or credit ('C') side of one account. */
@Entity
@Table(name = "journal_line")
@IdClass(JournalLineEntity.Key.class)
public class JournalLineEntity extends PanacheEntityBase {
    public static final String DEBIT = "D";
    public static final String CREDIT = "C";

    @Id
    public UUID entryId;
    @Id
    public int lineNo;
    public String tenantId;
    public String accountCode;
    public String side;
    public BigDecimal amount;
    public String memo;

    public record Key(UUID entryId, int lineNo) implements Serializable {
    }
}

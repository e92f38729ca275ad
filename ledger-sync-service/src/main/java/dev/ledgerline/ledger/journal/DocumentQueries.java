package dev.ledgerline.ledger.journal;

import dev.ledgerline.ledger.customer.CustomerRefs;
import dev.ledgerline.ledger.posting.Account;
import dev.ledgerline.ledger.posting.Currencies;
import dev.ledgerline.ledger.rest.CustomerRef;
import dev.ledgerline.ledger.rest.Page;
import dev.ledgerline.ledger.rest.QueryParams;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads documents and journal entries for the REST API, in posting order. */
@ApplicationScoped
public class DocumentQueries {
    private final CustomerRefs customers;
    private final EntityManager em;

    DocumentQueries(CustomerRefs customers, EntityManager em) {
        this.customers = customers;
        this.em = em;
    }

    @Transactional
    public Page<JournalViews.DocumentView> documents(String tenantId, DocumentKind kind, LocalDate from, LocalDate to,
            QueryParams.Paging paging) {
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (kind != null) {
            where.append(" and kind = :kind");
            parameters.and("kind", kind);
        }
        dateRange(where, parameters, "documentDate", from, to);
        var query = DocumentEntity.<DocumentEntity>find(where + " order by seq", parameters);
        long total = query.count();
        List<DocumentEntity> documents = query.range(paging.offset(), paging.offset() + paging.size() - 1).list();
        List<UUID> ids = documents.stream().map(document -> document.id).toList();
        Map<UUID, List<DocumentLineEntity>> lines = ids.isEmpty() ? Map.of()
                : DocumentLineEntity.<DocumentLineEntity>list("documentId in ?1 order by lineNo", ids).stream()
                        .collect(Collectors.groupingBy(line -> line.documentId));
        Map<UUID, List<JournalLineEntity>> journal = journalOf(ids);
        Map<UUID, CustomerRef> refs = customers.of(documents.stream().map(document -> document.customer).toList());
        return new Page<>(documents.stream().map(document -> new JournalViews.DocumentView(document.id,
                document.kind.name(), document.number, document.documentDate, document.dueDate,
                refs.get(document.customer), document.connectionId, document.source, document.sourceExternalId,
                document.dealId, document.ledgerInvoiceId, document.relatedDocumentId, document.currency,
                document.total, document.postedAt,
                lines.getOrDefault(document.id, List.of()).stream().map(line -> new JournalViews.SoldLineView(
                        line.description, line.itemId, line.quantity, line.unitPrice, line.discountAmount,
                        line.taxAmount, line.amount)).toList(),
                journal.getOrDefault(document.id, List.of()).stream().map(DocumentQueries::view).toList()))
                .toList(), paging.page(), paging.size(), total);
    }

    @Transactional
    public Page<JournalViews.EntryView> journal(String tenantId, Account account, LocalDate from, LocalDate to,
            QueryParams.Paging paging) {
        StringBuilder where = new StringBuilder("d.tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        dateRange(where, parameters, "e.entryDate", from, to);
        if (account != null) {
            where.append(" and exists (select 1 from JournalLineEntity l where l.entryId = e.id and l.accountCode = :code)");
            parameters.and("code", account.code());
        }
        String jpql = "from JournalEntryEntity e, DocumentEntity d where d.id = e.documentId and " + where;
        var count = em.createQuery("select count(e) " + jpql, Long.class);
        var select = em.createQuery("select e, d " + jpql + " order by d.seq", Object[].class);
        parameters.map().forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        List<Object[]> rows = select.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
        Map<UUID, List<JournalLineEntity>> lines = journalOf(rows.stream().map(row -> ((DocumentEntity) row[1]).id).toList());
        Map<UUID, CustomerRef> refs = customers.of(rows.stream().map(row -> ((JournalEntryEntity) row[0]).customer).toList());
        return new Page<>(rows.stream().map(row -> {
            JournalEntryEntity entry = (JournalEntryEntity) row[0];
            DocumentEntity document = (DocumentEntity) row[1];
            return new JournalViews.EntryView(entry.id, document.id, document.kind.name(), document.number,
                    entry.entryDate, entry.currency, refs.get(entry.customer),
                    lines.getOrDefault(document.id, List.of()).stream().map(DocumentQueries::view).toList());
        }).toList(), paging.page(), paging.size(), count.getSingleResult());
    }

    /** The journal lines of the documents' entries, by document id. */
    private Map<UUID, List<JournalLineEntity>> journalOf(Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createQuery("select e.documentId, l from JournalEntryEntity e, JournalLineEntity l"
                        + " where l.entryId = e.id and e.documentId in :ids order by l.lineNo", Object[].class)
                .setParameter("ids", documentIds).getResultList();
        return rows.stream().collect(Collectors.groupingBy(row -> (UUID) row[0],
                Collectors.mapping(row -> (JournalLineEntity) row[1], Collectors.toList())));
    }

    private static void dateRange(StringBuilder where, Parameters parameters, String field, LocalDate from, LocalDate to) {
        if (from != null) {
            where.append(" and ").append(field).append(" >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.append(" and ").append(field).append(" <= :to");
            parameters.and("to", to);
        }
    }

    private static JournalViews.JournalLineView view(JournalLineEntity line) {
        Account account = Account.ofCode(line.accountCode);
        boolean debit = JournalLineEntity.DEBIT.equals(line.side);
        return new JournalViews.JournalLineView(account.name(), account.code(), account.displayName(),
                debit ? line.amount : Currencies.zero(), debit ? Currencies.zero() : line.amount, line.memo);
    }
}

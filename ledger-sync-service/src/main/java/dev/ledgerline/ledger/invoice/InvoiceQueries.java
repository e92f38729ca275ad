package dev.ledgerline.ledger.invoice;

import dev.ledgerline.ledger.customer.CustomerRefs;
import dev.ledgerline.ledger.rest.CustomerRef;
import dev.ledgerline.ledger.rest.Page;
import dev.ledgerline.ledger.rest.QueryParams;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads the ledger's invoices for the REST API. */
@ApplicationScoped
public class InvoiceQueries {
    private final CustomerRefs customers;

    InvoiceQueries(CustomerRefs customers) {
        this.customers = customers;
    }

    @Transactional
    public Page<InvoiceView> list(String tenantId, InvoiceView.Status status, QueryParams.Paging paging) {
        String where = "tenantId = :tenant" + switch (status == null ? "" : status.name()) {
            case "OPEN" -> " and voided = false and amountApplied = 0";
            case "PARTIALLY_PAID" -> " and voided = false and amountApplied > 0 and amountApplied < total";
            case "PAID" -> " and voided = false and amountApplied = total and total > 0";
            case "VOID" -> " and voided = true";
            default -> "";
        };
        PanacheQuery<LedgerInvoiceEntity> query = LedgerInvoiceEntity.find(where + " order by issueDate desc, id",
                Parameters.with("tenant", tenantId));
        long total = query.count();
        List<LedgerInvoiceEntity> invoices = query.range(paging.offset(), paging.offset() + paging.size() - 1).list();
        Map<UUID, CustomerRef> refs = customers.of(invoices.stream().map(invoice -> invoice.customer).toList());
        Map<UUID, List<LedgerInvoiceLineEntity>> lines = invoices.isEmpty() ? Map.of()
                : LedgerInvoiceLineEntity.<LedgerInvoiceLineEntity>list("invoiceId in ?1 order by lineNo",
                        invoices.stream().map(invoice -> invoice.id).toList()).stream()
                        .collect(Collectors.groupingBy(line -> line.invoiceId));
        return new Page<>(invoices.stream()
                .map(invoice -> view(invoice, refs.get(invoice.customer), lines.getOrDefault(invoice.id, List.of())))
                .toList(), paging.page(), paging.size(), total);
    }

    private static InvoiceView view(LedgerInvoiceEntity invoice, CustomerRef customer,
            List<LedgerInvoiceLineEntity> lines) {
        return new InvoiceView(invoice.id, invoice.number, status(invoice), invoice.origin.name(), invoice.source,
                invoice.connectionId, invoice.externalId, customer, invoice.dealId, invoice.currency, invoice.issueDate,
                invoice.dueDate, lines.stream().map(line -> new InvoiceView.Line(line.description, line.productId,
                        line.itemId, line.sku, line.quantity, line.unitPrice, line.discountAmount, line.taxAmount,
                        line.amount)).toList(),
                invoice.discountTotal, invoice.taxTotal, invoice.total, invoice.amountApplied, invoice.openBalance(),
                invoice.credit);
    }

    private static String status(LedgerInvoiceEntity invoice) {
        if (invoice.voided) {
            return InvoiceView.Status.VOID.name();
        }
        if (invoice.amountApplied.signum() == 0) {
            return InvoiceView.Status.OPEN.name();
        }
        return invoice.amountApplied.compareTo(invoice.total) < 0 ? InvoiceView.Status.PARTIALLY_PAID.name()
                : InvoiceView.Status.PAID.name();
    }
}

package dev.ledgerline.simulator.salesforce;

import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Lead;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the Salesforce org stores of a company record where it differs from the record: for the ground truth. */
public final class SalesforceTruth {
    private SalesforceTruth() {
    }

    /** The record's Salesforce id; kinds the org does not serve (invoices, payments) have none. */
    public static String id(Kind kind, long id) {
        return switch (kind) {
            case INVOICE, PAYMENT -> null;
            default -> SalesforceRows.id(kind, id);
        };
    }

    /** The opportunity's {@code Amount}: in the home currency, to the cent; null without one. */
    public static BigDecimal amount(Deal deal) {
        return SalesforceRows.amount(deal);
    }

    /** The opportunity's {@code CloseDate}: for a closed one, the day (UTC) it closed. */
    public static LocalDate closeDate(Deal deal) {
        return SalesforceRows.closeDate(deal);
    }

    /** Whether the org shows the lead converted (qualified, with its opportunity in the org). */
    public static boolean converted(Company company, CrmSplit split, Lead lead) {
        return new SalesforceRows(company, split).converted(lead);
    }
}

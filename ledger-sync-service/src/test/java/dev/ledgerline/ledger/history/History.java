package dev.ledgerline.ledger.history;

import dev.ledgerline.ledger.Wire;
import dev.ledgerline.wire.Invoice;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Payment;
import dev.ledgerline.wire.PaymentKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random history of one tenant's invoices and payments, from a seed: invoices sent (some first as drafts, some
 * created before the cut-off), adjusted while unpaid, paid in parts and in full (the CRM's amount paid), voided while
 * unpaid; payment records for them (partial, over, refunded, deleted, some for an invoice never seen); payments
 * without invoice (refunded, deleted). Delivered out of order, with duplicates, the connection record anywhere in
 * between. {@link #expected()} is the plain reference: what the ledger must hold once everything is in.
 */
final class History {
    static final Instant CUT_OFF = Wire.T0.minus(Duration.ofDays(10));
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "USD", "JPY");
    private static final List<String> EMAILS = List.of("ap@alpha.example", "billing@beta.example",
            "finance@gamma.example", "owner@delta.example");
    private static final List<String> TAX_RATES = Collections.unmodifiableList(java.util.Arrays.asList(null, "0.07", "0.19"));

    private final String tenant;
    private final Random random;
    private long clock;
    private final List<Wire.Input> records = new ArrayList<>();

    History(String tenant, long seed) {
        this.tenant = tenant;
        this.random = new Random(seed);
    }

    /** Every version of every record, in the order they are delivered (shuffled, some twice). */
    List<Wire.Input> delivery() {
        records.clear();
        int invoices = 6 + random.nextInt(10);
        for (int i = 0; i < invoices; i++) {
            invoice("inv-" + i);
        }
        payment("orphan", "never-seen", "EUR");
        int receipts = 2 + random.nextInt(5);
        for (int i = 0; i < receipts; i++) {
            receipt("rcpt-" + i);
        }
        List<Wire.Input> delivery = new ArrayList<>(records);
        Collections.shuffle(delivery, random);
        delivery.add(random.nextInt(delivery.size() + 1), Wire.connection(tenant, CUT_OFF, false, Wire.CONNECTED));
        int duplicates = delivery.size() / 10;
        for (int i = 0; i < duplicates; i++) {
            delivery.add(random.nextInt(delivery.size() + 1), delivery.get(random.nextInt(delivery.size())));
        }
        return delivery;
    }

    private void invoice(String id) {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        String email = EMAILS.get(random.nextInt(EMAILS.size()));
        Instant created = random.nextInt(10) == 0 ? CUT_OFF.minus(Duration.ofDays(1)) : CUT_OFF.plus(Duration.ofDays(1));
        List<String[]> lines = lines(currency);
        if (random.nextBoolean()) {
            add(version(id, currency, email, created, lines).status(InvoiceStatus.DRAFT).build());
        }
        add(version(id, currency, email, created, lines).build());
        if (random.nextInt(3) == 0) {
            // A discount changed while unpaid.
            lines = new ArrayList<>(lines);
            String[] first = lines.get(0).clone();
            first[2] = first[2] == null ? "0.10" : null;
            lines.set(0, first);
            add(version(id, currency, email, created, lines).build());
        }
        BigDecimal total = total(version(id, currency, email, created, lines));
        switch (random.nextInt(4)) {
            case 0 -> add(version(id, currency, email, created, lines).status(InvoiceStatus.VOID).build());
            case 1 -> {
                add(version(id, currency, email, created, lines).status(InvoiceStatus.PARTIALLY_PAID)
                        .paid(part(total, currency).toPlainString()).build());
                if (random.nextBoolean()) {
                    add(version(id, currency, email, created, lines).status(InvoiceStatus.PAID).build());
                }
            }
            case 2 -> add(version(id, currency, email, created, lines).status(InvoiceStatus.PAID).build());
            default -> {
                // Stays sent.
            }
        }
        int payments = random.nextInt(3);
        for (int p = 0; p < payments; p++) {
            payment(id + "-pay-" + p, id, currency, part(total, currency));
        }
    }

    private Wire.InvoiceBuilder version(String id, String currency, String email, Instant created, List<String[]> lines) {
        Wire.InvoiceBuilder builder = Wire.invoice(tenant, id).currency(currency).customer("Customer " + email, email)
                .createdAt(created).updatedAt(next());
        lines.forEach(line -> builder.line(line[0], line[1], line[3], line[2], line[4]));
        return builder;
    }

    private List<String[]> lines(String currency) {
        List<String[]> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String quantity = Integer.toString(1 + random.nextInt(5));
            String discount = random.nextInt(3) == 0 ? "0.10" : null;
            String unitPrice = amount(currency, 5 + random.nextInt(500));
            lines.add(new String[] {"p-" + random.nextInt(4), quantity, discount, unitPrice,
                    TAX_RATES.get(random.nextInt(TAX_RATES.size()))});
        }
        return lines;
    }

    /** A payment record of an invoice: its versions (a refund, a deletion) as the CRM updates it. */
    private void payment(String id, String invoiceId, String currency, BigDecimal amount) {
        add(Wire.payment(tenant, id).invoice(invoiceId).amount(amount.toPlainString(), currency).updatedAt(next()).build());
        int change = random.nextInt(6);
        if (change == 0) {
            add(Wire.payment(tenant, id).invoice(invoiceId).amount(part(amount, currency).toPlainString(), currency)
                    .updatedAt(next()).build());
        } else if (change == 1) {
            add(Wire.payment(tenant, id).invoice(invoiceId).updatedAt(next()).deleted());
        }
    }

    private void payment(String id, String invoiceId, String currency) {
        payment(id, invoiceId, currency, new BigDecimal("10.00"));
    }

    private void receipt(String id) {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        String email = EMAILS.get(random.nextInt(EMAILS.size()));
        BigDecimal amount = new BigDecimal(amount(currency, 10 + random.nextInt(200)));
        add(Wire.payment(tenant, id).kind(PaymentKind.ORDER).payer("Customer " + email, email)
                .amount(amount.toPlainString(), currency).updatedAt(next()).build());
        int change = random.nextInt(4);
        if (change == 0) {
            add(Wire.payment(tenant, id).kind(PaymentKind.ORDER).payer("Customer " + email, email)
                    .amount(part(amount, currency).toPlainString(), currency).updatedAt(next()).build());
        } else if (change == 1) {
            add(Wire.payment(tenant, id).kind(PaymentKind.ORDER).updatedAt(next()).deleted());
        }
    }

    private void add(Wire.Input record) {
        records.add(record);
    }

    private Instant next() {
        return Wire.T0.plusSeconds(++clock);
    }

    /** Between a tenth and all of the amount, or up to a third more (an overpayment), in the currency's unit. */
    private BigDecimal part(BigDecimal amount, String currency) {
        BigDecimal fraction = BigDecimal.valueOf(10 + random.nextInt(124), 2);
        return amount.multiply(fraction).setScale(digits(currency), RoundingMode.DOWN).setScale(4, RoundingMode.UNNECESSARY);
    }

    private static String amount(String currency, int units) {
        return digits(currency) == 0 ? Integer.toString(units * 100) : units + "." + (units % 100);
    }

    private static BigDecimal total(Wire.InvoiceBuilder builder) {
        return ((Invoice) builder.build().value()).getTotal().getAmount();
    }

    static int digits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    static BigDecimal round(BigDecimal amount, String currency) {
        return amount.setScale(digits(currency), RoundingMode.HALF_UP);
    }

    /** The reference: what the ledger must hold, computed from the latest version of every record. */
    Expected expected(List<Wire.Input> delivery) {
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        Map<String, Payment> payments = new LinkedHashMap<>();
        for (Wire.Input record : delivery) {
            if (record.value() instanceof Invoice invoice) {
                invoices.merge(invoice.getExternalId(), invoice, History::latest);
            } else if (record.value() instanceof Payment payment) {
                payments.merge(payment.getExternalId(), payment, History::latest);
            }
        }
        Expected expected = new Expected();
        Map<String, BigDecimal> recorded = new LinkedHashMap<>();
        for (Payment payment : payments.values()) {
            if (payment.getOp() == Op.DELETE) {
                continue;
            }
            String currency = payment.getAmount().getCurrency();
            BigDecimal amount = round(payment.getAmount().getAmount(), currency);
            if (payment.getInvoiceId() == null) {
                expected.add(currency, "UNDEPOSITED_FUNDS", amount);
                expected.add(currency, "NET_REVENUE", amount);
            } else {
                recorded.merge(payment.getInvoiceId(), amount, BigDecimal::add);
            }
        }
        for (Invoice invoice : invoices.values()) {
            if (invoice.getCreatedAt().isBefore(CUT_OFF) || invoice.getStatus() == InvoiceStatus.DRAFT) {
                continue;
            }
            String currency = invoice.getCurrency();
            BigDecimal received = recorded.getOrDefault(invoice.getExternalId(), BigDecimal.ZERO);
            if (invoice.getStatus() == InvoiceStatus.VOID) {
                expected.add(currency, "UNDEPOSITED_FUNDS", received);
                expected.add(currency, "CUSTOMER_CREDIT", received);
                continue;
            }
            BigDecimal total = round(invoice.getTotal().getAmount(), currency);
            BigDecimal tax = round(invoice.getTaxTotal().getAmount(), currency);
            received = received.max(round(invoice.getAmountPaid().getAmount(), currency));
            BigDecimal applied = received.min(total);
            expected.add(currency, "ACCOUNTS_RECEIVABLE", total.subtract(applied));
            expected.add(currency, "CUSTOMER_CREDIT", received.subtract(applied));
            expected.add(currency, "UNDEPOSITED_FUNDS", received);
            expected.add(currency, "SALES_TAX_PAYABLE", tax);
            expected.add(currency, "NET_REVENUE", total.subtract(tax));
            expected.openBalances.merge(invoice.getCustomerEmail() + "/" + currency, total.subtract(applied), BigDecimal::add);
        }
        return expected;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T latest(T one, T other) {
        Instant first = (Instant) one.get(one.getSchema().getField("sourceUpdatedAt").pos());
        Instant second = (Instant) other.get(other.getSchema().getField("sourceUpdatedAt").pos());
        return second.isAfter(first) ? other : one;
    }

    /** Balances per currency and account (positive amounts: what each account holds), open balances per customer. */
    static final class Expected {
        final Map<String, BigDecimal> balances = new LinkedHashMap<>();
        final Map<String, BigDecimal> openBalances = new LinkedHashMap<>();

        void add(String currency, String account, BigDecimal amount) {
            balances.merge(currency + "/" + account, amount, BigDecimal::add);
        }

        BigDecimal balance(String currency, String account) {
            return balances.getOrDefault(currency + "/" + account, BigDecimal.ZERO);
        }
    }
}

package dev.ledgerline.ledger.invoice;

import static dev.ledgerline.ledger.Wire.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.wire.InvoiceStatus;
import dev.ledgerline.wire.StageCategory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The posting rules of invoices and their payments, through the real topics and database. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"))
class InvoicePostingTest extends LedgerTestSupport {
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T0.plus(Duration.ofDays(2));
    private static final Instant T3 = T0.plus(Duration.ofDays(3));

    /** 10 × 100.00 with 10 % discount and 19 % tax: total 1071.00 (the README's worked example). */
    private Wire.InvoiceBuilder consulting(String id) {
        return Wire.invoice(tenant, id).line("p-consulting", "10", "100.00", "0.10", "0.19");
    }

    @Test
    void aSentInvoiceIsPostedItsPaymentAppliedAndItsVoidReversesItKeepingTheMoneyAsCredit() {
        publish(Wire.connection(tenant), consulting("inv-1").build());
        publish(Wire.payment(tenant, "pay-1").invoice("inv-1").amount("500.00", "EUR").updatedAt(T1).build());
        publish(consulting("inv-1").status(InvoiceStatus.VOID).updatedAt(T2).build());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind")).containsExactly("INVOICE", "PAYMENT", "VOID");
        assertThat(journal(documents.get(0))).containsExactly("D ACCOUNTS_RECEIVABLE 1071.00",
                "C SALES_TAX_PAYABLE 171.00", "C SALES_REVENUE 1000.00", "D DISCOUNTS 100.00");
        assertThat(journal(documents.get(1))).containsExactly("C ACCOUNTS_RECEIVABLE 500.00",
                "D UNDEPOSITED_FUNDS 500.00");
        assertThat(journal(documents.get(2))).containsExactly("C ACCOUNTS_RECEIVABLE 571.00",
                "D SALES_TAX_PAYABLE 171.00", "C CUSTOMER_CREDIT 500.00", "D SALES_REVENUE 1000.00",
                "C DISCOUNTS 100.00");
        assertThat(documents.get(0)).containsEntry("number", "INV-inv-1").containsEntry("sourceExternalId", "inv-1");
        assertThat(documents.get(1)).containsEntry("sourceExternalId", "pay-1")
                .containsEntry("relatedDocumentId", documents.get(0).get("id"));
        assertThat(amount(documents.get(2).get("total"))).isEqualByComparingTo("-1071.00");

        Map<String, Object> invoice = invoice("inv-1");
        assertThat(invoice).containsEntry("status", "VOID");
        assertThat(amount(invoice.get("openBalance"))).isZero();
        assertThat(amount(invoice.get("customerCredit"))).isEqualByComparingTo("500.00");
        assertThat(db.balance(tenant, "UNDEPOSITED_FUNDS", "EUR")).isEqualByComparingTo("500.00");
        assertThat(db.balance(tenant, "CUSTOMER_CREDIT", "EUR")).isEqualByComparingTo("-500.00");
        db.assertBalanced(tenant);
    }

    @Test
    void anInvoiceFirstSeenPaidPostsTheInvoiceAndItsPayment() {
        publish(Wire.connection(tenant), consulting("inv-1").status(InvoiceStatus.PAID).build());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind")).containsExactly("INVOICE", "PAYMENT");
        assertThat(journal(documents.get(1))).containsExactly("C ACCOUNTS_RECEIVABLE 1071.00",
                "D UNDEPOSITED_FUNDS 1071.00");
        assertThat(invoice("inv-1")).containsEntry("status", "PAID");
        db.assertBalanced(tenant);
    }

    @Test
    void aPaymentRecordAndThePaidInvoiceApplyTheSameMoneyOnce() {
        publish(Wire.connection(tenant), consulting("inv-1").build(),
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1071.00", "EUR").updatedAt(T1).build(),
                consulting("inv-1").status(InvoiceStatus.PAID).updatedAt(T1).build());

        assertThat(documentKinds()).containsExactly("INVOICE", "PAYMENT");
        assertThat(db.balance(tenant, "UNDEPOSITED_FUNDS", "EUR")).isEqualByComparingTo("1071.00");
        assertThat(invoice("inv-1")).containsEntry("status", "PAID");
        db.assertBalanced(tenant);
    }

    @Test
    void aPaymentThatArrivesBeforeItsInvoiceWaitsAndIsAppliedOnceWithIt() {
        publish(Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1071.00", "EUR").updatedAt(T1).build());
        assertThat(documentKinds()).isEmpty();

        publish(Wire.connection(tenant), consulting("inv-1").status(InvoiceStatus.PAID).updatedAt(T1).build());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind")).containsExactly("INVOICE", "PAYMENT");
        assertThat(documents.get(1)).containsEntry("sourceExternalId", "pay-1");
        assertThat(db.balance(tenant, "UNDEPOSITED_FUNDS", "EUR")).isEqualByComparingTo("1071.00");
        db.assertBalanced(tenant);
    }

    @Test
    void partialPaymentsSettleTheInvoiceAndMoneyBeyondItIsCustomerCredit() {
        publish(Wire.connection(tenant), consulting("inv-1").build(),
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("600.00", "EUR").updatedAt(T1).build());
        assertThat(invoice("inv-1")).containsEntry("status", "PARTIALLY_PAID");
        assertThat(amount(invoice("inv-1").get("openBalance"))).isEqualByComparingTo("471.00");

        publish(Wire.payment(tenant, "pay-2").invoice("inv-1").amount("500.00", "EUR").updatedAt(T2).build());

        Map<String, Object> invoice = invoice("inv-1");
        assertThat(invoice).containsEntry("status", "PAID");
        assertThat(amount(invoice.get("customerCredit"))).isEqualByComparingTo("29.00");
        assertThat(journal(documents().get(2))).containsExactly("C ACCOUNTS_RECEIVABLE 471.00",
                "D UNDEPOSITED_FUNDS 500.00", "C CUSTOMER_CREDIT 29.00");
        db.assertBalanced(tenant);
    }

    @Test
    void aRefundShowsOnceTheInvoiceAgreesThatLessWasPaid() {
        publish(Wire.connection(tenant), consulting("inv-1").build(),
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1071.00", "EUR").updatedAt(T1).build(),
                consulting("inv-1").status(InvoiceStatus.PAID).updatedAt(T1).build());

        // The payment is partly refunded: HubSpot books the payment net of the refund, and the invoice is open again.
        publish(Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1000.00", "EUR").updatedAt(T2).build(),
                consulting("inv-1").status(InvoiceStatus.PARTIALLY_PAID).paid("1000.00").updatedAt(T2).build());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind"))
                .containsExactly("INVOICE", "PAYMENT", "ADJUSTMENT");
        assertThat(journal(documents.get(2))).containsExactly("D ACCOUNTS_RECEIVABLE 71.00",
                "C UNDEPOSITED_FUNDS 71.00");
        assertThat(amount(documents.get(2).get("total"))).isEqualByComparingTo("-71.00");
        assertThat(amount(invoice("inv-1").get("openBalance"))).isEqualByComparingTo("71.00");
        db.assertBalanced(tenant);
    }

    @Test
    void aDiscountAddedToAnUnpaidInvoiceIsAnAdjustment() {
        publish(Wire.connection(tenant), consulting("inv-1").build(),
                Wire.invoice(tenant, "inv-1").line("p-consulting", "10", "100.00", "0.20", "0.19").updatedAt(T1).build());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind")).containsExactly("INVOICE", "ADJUSTMENT");
        assertThat(journal(documents.get(1))).containsExactly("C ACCOUNTS_RECEIVABLE 119.00",
                "D SALES_TAX_PAYABLE 19.00", "D DISCOUNTS 100.00");
        assertThat(documents.get(1)).containsEntry("relatedDocumentId", documents.get(0).get("id"));
        Map<String, Object> invoice = invoice("inv-1");
        assertThat(amount(invoice.get("total"))).isEqualByComparingTo("952.00");
        assertThat(amount(invoice.get("discountTotal"))).isEqualByComparingTo("200.00");
        db.assertBalanced(tenant);
    }

    @Test
    void anInvoiceCreatedBeforeTheCutOffNeverEntersNorDoesItsPayment() {
        Instant cutOff = T0.plus(Duration.ofHours(1));
        publish(Wire.connection(tenant, cutOff, false, Wire.CONNECTED), consulting("old").build(),
                Wire.payment(tenant, "pay-old").invoice("old").amount("1071.00", "EUR").updatedAt(T1).build(),
                consulting("new").createdAt(cutOff).build());

        assertThat(get("invoices").getList("items.externalId")).containsExactly("new");
        assertThat(documentKinds()).containsExactly("INVOICE");
        assertThat(db.rows("select role from payment where tenant_id = ?", tenant))
                .extracting(row -> row.get("role")).containsExactly("EXCLUDED");
    }

    @Test
    void anInvoiceWaitsForItsConnectionRecordAndAMovedCutOffLetsItIn() {
        publish(consulting("inv-1").build());
        assertThat(documentKinds()).isEmpty();

        publish(Wire.connection(tenant, T1, false, Wire.CONNECTED));
        assertThat(documentKinds()).isEmpty();

        publish(Wire.connection(tenant, T0, false, T1));
        assertThat(documentKinds()).containsExactly("INVOICE");
    }

    @Test
    void aDraftIsPostedWhenItIsSent() {
        publish(Wire.connection(tenant), consulting("inv-1").status(InvoiceStatus.DRAFT).build());
        assertThat(documentKinds()).isEmpty();

        publish(consulting("inv-1").updatedAt(T1).build());
        assertThat(documentKinds()).containsExactly("INVOICE");
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() {
        publish(Wire.connection(tenant), consulting("inv-1").status(InvoiceStatus.PAID).updatedAt(T2).build(),
                consulting("inv-1").updatedAt(T1).build());

        assertThat(documentKinds()).containsExactly("INVOICE", "PAYMENT");
        assertThat(invoice("inv-1")).containsEntry("status", "PAID");
    }

    @Test
    void aDeletedInvoiceIsVoided() {
        publish(Wire.connection(tenant), consulting("inv-1").build(), consulting("inv-1").updatedAt(T1).deleted());

        assertThat(documentKinds()).containsExactly("INVOICE", "VOID");
        assertThat(invoice("inv-1")).containsEntry("status", "VOID");
        db.assertBalanced(tenant);
    }

    @Test
    void moneyForAnInvoiceVoidedBeforeItWasPostedIsCustomerCredit() {
        publish(Wire.connection(tenant), consulting("inv-1").status(InvoiceStatus.VOID).build(),
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("200.00", "EUR").updatedAt(T1).build());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind")).containsExactly("PAYMENT");
        assertThat(journal(documents.get(0))).containsExactly("D UNDEPOSITED_FUNDS 200.00", "C CUSTOMER_CREDIT 200.00");
        assertThat(get("invoices").getList("items")).isEmpty();
        db.assertBalanced(tenant);
    }

    @Test
    void aPaymentWithoutInvoiceIsASalesReceiptItsRefundAnAdjustmentAndItsDeletionAVoid() {
        publish(Wire.payment(tenant, "sub-1").kind(dev.ledgerline.wire.PaymentKind.SUBSCRIPTION)
                .amount("49.90", "EUR").build());
        publish(Wire.payment(tenant, "sub-1").kind(dev.ledgerline.wire.PaymentKind.SUBSCRIPTION)
                .amount("29.90", "EUR").updatedAt(T1).build());
        publish(Wire.payment(tenant, "sub-1").updatedAt(T2).deleted());

        List<Map<String, Object>> documents = documents();
        assertThat(documents).extracting(document -> document.get("kind"))
                .containsExactly("SALES_RECEIPT", "ADJUSTMENT", "VOID");
        assertThat(journal(documents.get(0))).containsExactly("D UNDEPOSITED_FUNDS 49.90", "C SALES_REVENUE 49.90");
        assertThat(journal(documents.get(1))).containsExactly("C UNDEPOSITED_FUNDS 20.00", "D SALES_REVENUE 20.00");
        assertThat(journal(documents.get(2))).containsExactly("C UNDEPOSITED_FUNDS 29.90", "D SALES_REVENUE 29.90");
        assertThat(documents.get(0)).containsEntry("number", "SR-sub-1");
        assertThat(documents.get(0).get("lines").toString()).contains("Subscription payment (card)");
        assertThat(db.balance(tenant, "UNDEPOSITED_FUNDS", "EUR")).isZero();
        db.assertBalanced(tenant);
    }

    @Test
    void aReceiptWhosePaymentLaterNamesAnInvoiceIsVoidedAndTheMoneyApplied() {
        publish(Wire.connection(tenant), consulting("inv-1").build(),
                Wire.payment(tenant, "pay-1").amount("1071.00", "EUR").updatedAt(T1).build(),
                Wire.payment(tenant, "pay-1").invoice("inv-1").amount("1071.00", "EUR").updatedAt(T2).build());

        assertThat(documentKinds()).containsExactly("INVOICE", "SALES_RECEIPT", "VOID", "PAYMENT");
        assertThat(invoice("inv-1")).containsEntry("status", "PAID");
        assertThat(db.balance(tenant, "UNDEPOSITED_FUNDS", "EUR")).isEqualByComparingTo("1071.00");
        assertThat(db.balance(tenant, "SALES_REVENUE", "EUR")).isEqualByComparingTo("-1000.00");
        db.assertBalanced(tenant);
    }

    @Test
    void theCustomerComesFromItsSourceLinkElseItsEmailElseItIsCreated() {
        publish(Wire.connection(tenant),
                Wire.customer(tenant, "cust-linked", "Linked AG", "accounts@linked.example", Wire.CONNECTED,
                        Wire.link(dev.ledgerline.wire.SourceEntityType.CONTACT, "contact-7")),
                Wire.customer(tenant, "cust-mail", "Mail GmbH", "pay@mail.example", Wire.CONNECTED),
                consulting("by-link").contact("contact-7").customer("Someone", "other@elsewhere.example").build(),
                consulting("by-email").customer("Mail", "  Pay@Mail.example ").build(),
                consulting("created").customer("New Customer Ltd", "new@new.example").build());

        assertThat(((Map<?, ?>) invoice("by-link").get("customer")).get("customerId")).isEqualTo("cust-linked");
        assertThat(((Map<?, ?>) invoice("by-email").get("customer")).get("customerId")).isEqualTo("cust-mail");
        Map<?, ?> created = (Map<?, ?>) invoice("created").get("customer");
        assertThat(created.get("customerId")).isNull();
        assertThat(created.get("origin")).isEqualTo("INVOICE");
        assertThat(created.get("name")).isEqualTo("New Customer Ltd");
        assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                .contains("ledgerline_ledger_customers_created_total{origin=\"INVOICE\"}");

        // The customer record that later names the same email claims the created customer instead of adding one.
        publish(Wire.customer(tenant, "cust-new", "New Customer Ltd", "new@new.example", Wire.CONNECTED));
        Map<?, ?> claimed = (Map<?, ?>) invoice("created").get("customer");
        assertThat(claimed.get("customerId")).isEqualTo("cust-new");
        assertThat(claimed.get("id")).isEqualTo(created.get("id"));
        assertThat(db.count("select count(*) from ledger_customer where tenant_id = ?", tenant)).isEqualTo(3);
    }

    @Test
    void receivablesOfAMergedCustomerAreReportedOnTheSurvivor() {
        publish(Wire.connection(tenant),
                Wire.customer(tenant, "cust-a", "A", "a@example.com", Wire.CONNECTED),
                Wire.customer(tenant, "cust-b", "B", "b@example.com", Wire.CONNECTED),
                consulting("inv-a").customer("A", "a@example.com").build(),
                consulting("inv-b").customer("B", "b@example.com").build(),
                Wire.merged(tenant, "cust-a", "cust-b", T1));

        assertThat(((Map<?, ?>) invoice("inv-a").get("customer")).get("customerId")).isEqualTo("cust-b");
        assertThat(db.receivablesByCustomer(tenant)).hasSize(1);
        db.assertBalanced(tenant);
    }

    @Test
    void eachCurrencyIsPostedInItsOwnEntriesAndBalancesOnItsOwn() {
        publish(Wire.connection(tenant), consulting("eur").build(),
                Wire.invoice(tenant, "usd").currency("USD").line("p-1", "3", "33.33", null, "0.0725").build(),
                Wire.payment(tenant, "pay-usd").invoice("usd").amount("50.00", "USD").updatedAt(T1).build());

        var trialBalance = get("trial-balance");
        assertThat(trialBalance.getList("currencies.currency")).containsExactly("EUR", "USD");
        assertThat(trialBalance.getList("currencies.difference", java.math.BigDecimal.class))
                .allSatisfy(difference -> assertThat(difference).isZero());
        assertThat(amount(invoice("usd").get("total"))).isEqualByComparingTo("107.24"); // 99.99 + 7.2493
        assertThat(documents()).filteredOn(document -> "pay-usd".equals(document.get("sourceExternalId")))
                .extracting(document -> document.get("currency")).containsExactly("USD");
        db.assertBalanced(tenant);
    }

    @Test
    void aWonDealIsInvoicedWhenTheConnectionAsksForItAndItsPaymentSettlesIt() {
        publish(Wire.connection(tenant, Wire.CONNECTED, true, Wire.CONNECTED),
                Wire.deal(tenant, "deal-1", "cust-9", StageCategory.WON, T1, "EUR", List.of(
                        Wire.lineItem("p-1", "2", "500.00", "EUR", "0.10", "0.19"),
                        Wire.lineItem("p-2", "1", "100.00", "EUR", null, null))),
                Wire.payment(tenant, "pay-deal").deal("deal-1").amount("1171.00", "EUR").updatedAt(T2).build());

        Map<String, Object> invoice = invoice("deal-1");
        assertThat(invoice).containsEntry("origin", "WON_DEAL").containsEntry("status", "PAID");
        assertThat(amount(invoice.get("total"))).isEqualByComparingTo("1171.00"); // 900 + 171 tax + 100
        assertThat(((Map<?, ?>) invoice.get("customer")).get("customerId")).isEqualTo("cust-9");
        assertThat(documentKinds()).containsExactly("INVOICE", "PAYMENT");

        // The deal reopened: its invoice is voided, the money stays as the customer's credit.
        publish(Wire.deal(tenant, "deal-1", "cust-9", StageCategory.OPEN, T3, "EUR", List.of(
                Wire.lineItem("p-1", "2", "500.00", "EUR", "0.10", "0.19"))));
        assertThat(invoice("deal-1")).containsEntry("status", "VOID");
        assertThat(amount(invoice("deal-1").get("customerCredit"))).isEqualByComparingTo("1171.00");
        db.assertBalanced(tenant);
    }

    @Test
    void wonDealsAreNotInvoicedByDefault() {
        publish(Wire.connection(tenant),
                Wire.deal(tenant, "deal-1", "cust-9", StageCategory.WON, T1, "EUR",
                        List.of(Wire.lineItem("p-1", "2", "500.00", "EUR", null, null))),
                Wire.payment(tenant, "pay-deal").deal("deal-1").amount("1000.00", "EUR").updatedAt(T2).build());

        assertThat(get("invoices").getList("items")).isEmpty();
        assertThat(documentKinds()).containsExactly("SALES_RECEIPT");
    }
}

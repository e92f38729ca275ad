package dev.ledgerline.merge.flow;

import static dev.ledgerline.merge.MergeWire.account;
import static dev.ledgerline.merge.MergeWire.address;
import static dev.ledgerline.merge.MergeWire.connection;
import static dev.ledgerline.merge.MergeWire.contact;
import static dev.ledgerline.merge.MergeWire.deal;
import static dev.ledgerline.merge.MergeWire.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.merge.MergeTestSupport;
import dev.ledgerline.merge.MergeWire;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.CustomerKind;
import dev.ledgerline.wire.CustomerScope;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.SourceEntityType;
import dev.ledgerline.wire.SourceLink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity rules end to end: input topics → merge-service → customers.v1 and deals.resolved.v1. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "merge"))
class IdentityRulesTest extends MergeTestSupport {

    @Test
    void twoCrmsOfOneTenantGiveOneCustomerWithTwoLinksByExactEmail() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                connection(tenant, SALESFORCE, CrmSource.SALESFORCE, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "101").setFirstName("Katarzyna").setLastName("Wiśniewska")
                        .setEmails(List.of("K.Wisniewska@Nowak-Trading.pl")).setPhones(List.of("+48 22 123 45 67")).build()),
                of(contact(tenant, SALESFORCE, CrmSource.SALESFORCE, "003A").setFirstName("Kasia").setLastName("Wisniewska")
                        .setEmails(List.of("k.wisniewska@nowak-trading.pl")).build()));

        Map<String, Customer> customers = output.await(o -> o.customers().values().stream()
                .anyMatch(c -> c.getSourceLinks().size() == 2)).customers();
        assertThat(customers).hasSize(1);
        Customer customer = customers.values().iterator().next();
        assertThat(customer.getKind()).isEqualTo(CustomerKind.PERSON);
        assertThat(customer.getEmail()).isEqualTo("k.wisniewska@nowak-trading.pl");
        assertThat(customer.getSourceLinks()).extracting(SourceLink::getConnectionId, SourceLink::getExternalId,
                SourceLink::getDecision).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HUBSPOT, "101", LinkDecision.NEW_CUSTOMER),
                        org.assertj.core.groups.Tuple.tuple(SALESFORCE, "003A", LinkDecision.EXACT_MATCH));
        assertThat(rows("select rule from source_link where tenant_id = ? order by id", tenant))
                .extracting(row -> row.get("rule")).containsExactly("NEW_CUSTOMER", "SAME_EMAIL");
    }

    @Test
    void aMatchWeightAtTheAutoLinkThresholdLinksWithoutReviewAndIsPublishedAsScoreMatch() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                connection(tenant, SALESFORCE, CrmSource.SALESFORCE, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "201").setFirstName("Katarzyna").setLastName("Wiśniewska")
                        .setEmails(List.of("k.wisniewska@gmail.com")).setPhones(List.of("+48 22 123 45 67"))
                        .setAddress(address("ulica Długa 5", "00-950", "Warszawa", "PL")).build()),
                of(contact(tenant, SALESFORCE, CrmSource.SALESFORCE, "003B").setFirstName("Kasia").setLastName("Wisniewska")
                        .setEmails(List.of("kasia@nowak-trading.pl")).setPhones(List.of("22 123 45 67"))
                        .setAddress(address("ul. Złota 12", "00-950", "Warszawa", "PL")).build()));

        Map<String, Customer> customers = output.await(o -> o.customers().values().stream()
                .anyMatch(c -> c.getSourceLinks().size() == 2)).customers();
        assertThat(customers).hasSize(1);
        assertThat(customers.values().iterator().next().getSourceLinks()).extracting(SourceLink::getExternalId,
                SourceLink::getDecision).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("201", LinkDecision.NEW_CUSTOMER),
                        org.assertj.core.groups.Tuple.tuple("003B", LinkDecision.SCORE_MATCH));
        assertThat(rows("select rule from source_link where tenant_id = ? order by id", tenant))
                .extracting(row -> row.get("rule")).containsExactly("NEW_CUSTOMER", "SCORE_ABOVE_AUTO_LINK_THRESHOLD");
        assertThat(openReviews()).isEmpty();
    }

    @Test
    void underDealsOnlyAContactBecomesACustomerWhenADealReferencesItAndTheDealIsPublishedWithIt() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "201").setFirstName("Jan").setLastName("Kowalczyk")
                        .setEmails(List.of("jan@kowalczyk.example")).build()));
        assertThat(output.settle(Duration.ofSeconds(2)).customers()).isEmpty();
        assertThat(state("201")).isEqualTo("OUT_OF_SCOPE");

        publish(of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-1").setPrimaryContactId("201")
                .setContactIds(List.of("201")).build()));

        output.await(o -> o.deals().containsKey("d-1"));
        Customer customer = output.customers().values().iterator().next();
        assertThat(customer.getDisplayName()).isEqualTo("Jan Kowalczyk");
        assertThat(output.deals().get("d-1").getCustomerId()).isEqualTo(customer.getCustomerId());
    }

    @Test
    void aContactWithAnAccountBecomesTheCompanysPrimaryContactAndItsDealsGoToTheCompany() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(account(tenant, HUBSPOT, CrmSource.HUBSPOT, "c-1").setName("Müller Bau GmbH").setDomain("mueller-bau.de")
                        .setAddress(address("Hauptstraße 5", "10115", "Berlin", "DE")).build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "301").setFirstName("Jörg").setLastName("Müller")
                        .setEmails(List.of("joerg@mueller-bau.de")).setAccountId("c-1").build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-2").setPrimaryContactId("301")
                        .setContactIds(List.of("301")).setAccountId("c-1").build()));

        output.await(o -> o.deals().containsKey("d-2") && o.customers().values().stream()
                .anyMatch(c -> c.getSourceLinks().size() == 2));
        assertThat(output.customers()).hasSize(1);
        Customer company = output.customers().values().iterator().next();
        assertThat(company.getKind()).isEqualTo(CustomerKind.COMPANY);
        assertThat(company.getDisplayName()).isEqualTo("Müller Bau GmbH");
        assertThat(company.getPrimaryContactId()).isEqualTo("301");
        assertThat(company.getFirstName()).isEqualTo("Jörg");
        assertThat(company.getSourceLinks()).extracting(SourceLink::getEntityType)
                .containsExactly(SourceEntityType.ACCOUNT, SourceEntityType.CONTACT);
        assertThat(output.deals().get("d-2").getCustomerId()).isEqualTo(company.getCustomerId());
    }

    @Test
    void withAutoMergeOffANewContactWaitsForReviewAndItsDealStaysPendingUntilAutoMergeIsTurnedOn() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, false, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "401").setFirstName("Ana").setLastName("Ferreira")
                        .setEmails(List.of("ana@ferreira.example")).build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-3").setPrimaryContactId("401")
                        .setContactIds(List.of("401")).build()));

        assertThat(openReviews()).containsExactly(Map.entry("401", "NO_MATCH_AUTO_MERGE_OFF"));
        assertThat(output.settle(Duration.ofSeconds(2)).deals()).isEmpty();
        assertThat(count("select count(*) from deal where tenant_id = ? and state = 'PENDING'", tenant)).isEqualTo(1);

        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true,
                MergeWire.T0.plusSeconds(60)));

        output.await(o -> o.deals().containsKey("d-3"));
        assertThat(openReviews()).isEmpty();
        assertThat(output.customers()).hasSize(1);
    }

    @Test
    void changingTheScopeToAllContactsResolvesTheContactsAlreadyHeld() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "501").setFirstName("Lena").setLastName("Schmidt")
                        .setEmails(List.of("lena@schmidt.example")).build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "502").setFirstName("Piotr").setLastName("Zieliński")
                        .setEmails(List.of("piotr@zielinski.example")).build()));
        assertThat(state("501")).isEqualTo("OUT_OF_SCOPE");

        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true,
                MergeWire.T0.plusSeconds(60)));

        output.await(o -> o.customers().size() == 2);
        assertThat(output.customers().values()).extracting(Customer::getDisplayName)
                .containsExactlyInAnyOrder("Lena Schmidt", "Piotr Zieliński");
    }

    @Test
    void aContactWithNothingIdentifyingIsReviewedAsInsufficientIdentity() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "601").setTitle("CFO").build()));

        assertThat(openReviews()).containsExactly(Map.entry("601", "INSUFFICIENT_IDENTITY"));
        assertThat(output.settle(Duration.ofSeconds(2)).customers()).isEmpty();
    }

    @Test
    void aProbableMatchGoesToReviewWithExplainedCandidates() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "701").setFirstName("Robert").setLastName("Wojciechowski")
                        .setEmails(List.of("robert@wojciechowski.example"))
                        .setAddress(address("Złota 12", "00-950", "Warszawa", "PL")).build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "702").setFirstName("Bob").setLastName("Wojciechowski")
                        .setEmails(List.of("bob.w@gmail.com"))
                        .setAddress(address("Złota 12", "00-950", "Warszawa", "PL")).build()));

        assertThat(openReviews()).containsExactly(Map.entry("702", "PROBABLE_MATCH"));
        String candidates = (String) rows("select candidates::text as c from review_item where tenant_id = ?", tenant)
                .get(0).get("c");
        assertThat(candidates).contains("FIRST_NAME").contains("LAST_NAME").contains("EXACT").contains("nickname");
        assertThat(output.await(o -> o.customers().size() == 1).customers()).hasSize(1);
    }

    @Test
    void aContactUpdateUpdatesItsCustomerAndRaisesAReviewWhenItNowCollidesWithAnother() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "801").setFirstName("Sofia").setLastName("Rossi")
                        .setEmails(List.of("sofia@rossi.example")).build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "802").setFirstName("Marco").setLastName("Bianchi")
                        .setEmails(List.of("marco@bianchi.example")).build()));
        output.await(o -> o.customers().size() == 2);

        publish(of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "802").setFirstName("Marco").setLastName("Bianchi")
                .setEmails(List.of("marco@bianchi.example", "sofia@rossi.example"))
                .setSourceUpdatedAt(MergeWire.T0.plusSeconds(60)).build()));

        assertThat(openReviews()).containsExactly(Map.entry("802", "UPDATE_COLLISION"));
        output.await(o -> o.customers().values().stream().anyMatch(c -> c.getEmails().size() == 2));
        assertThat(output.customers()).hasSize(2);
    }

    @Test
    void aPublishedDealIsRepublishedOnUpdateAndItsDeletePropagates() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "901").setFirstName("Eva").setLastName("Novak")
                        .setEmails(List.of("eva@novak.example")).setDealIds(List.of("d-9")).build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-9").setPrimaryContactId("901").build()));
        output.await(o -> o.deals().containsKey("d-9"));

        publish(of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-9").setPrimaryContactId("901").setName("Renamed")
                .setSourceUpdatedAt(MergeWire.T0.plusSeconds(60)).build()));
        output.await(o -> o.deals().containsKey("d-9") && o.deals().get("d-9").getDeal().getName().equals("Renamed"));

        publish(of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-9").setOp(Op.DELETE)
                .setSourceUpdatedAt(MergeWire.T0.plusSeconds(120)).build()));
        output.await(o -> !o.deals().containsKey("d-9"));
        assertThat(output.dealRecords()).extracting(d -> d.getDeal().getOp())
                .containsExactly(Op.UPSERT, Op.UPSERT, Op.DELETE);
    }

    private String state(String externalId) {
        return (String) rows("select state from crm_record where tenant_id = ? and external_id = ?", tenant, externalId)
                .get(0).get("state");
    }
}

package dev.ledgerline.merge.flow;

import static dev.ledgerline.merge.MergeWire.account;
import static dev.ledgerline.merge.MergeWire.connection;
import static dev.ledgerline.merge.MergeWire.contact;
import static dev.ledgerline.merge.MergeWire.deal;
import static dev.ledgerline.merge.MergeWire.of;
import static dev.ledgerline.merge.MergeWire.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.merge.MergeTestSupport;
import dev.ledgerline.merge.MergeWire;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CatalogItem;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.CustomerScope;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Op;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Products to catalog items (on and off), bad input to the DLQ, and replays that change nothing. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "merge"))
class ProductsAndReplayTest extends MergeTestSupport {

    @Test
    void productsAreDeduplicatedBySkuOrNormalisedNameAndADeletedLastProductDeletesItsItem() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                connection(tenant, SALESFORCE, CrmSource.SALESFORCE, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(product(tenant, HUBSPOT, CrmSource.HUBSPOT, "p-1").setName("Consulting hour").setSku("CH-1").build()),
                of(product(tenant, SALESFORCE, CrmSource.SALESFORCE, "01t1").setName("Consulting (hourly)")
                        .setSku(" ch-1 ").build()),
                of(product(tenant, HUBSPOT, CrmSource.HUBSPOT, "p-2").setName("Café Support").build()),
                of(product(tenant, SALESFORCE, CrmSource.SALESFORCE, "01t2").setName("cafe  support").build()));

        Map<String, CatalogItem> items = output.await(o -> o.items().size() == 2 && o.items().values().stream()
                .allMatch(i -> i.getSourceLinks().size() == 2)).items();
        assertThat(items.values()).extracting(i -> i.getSku() == null ? null : i.getSku().trim().toUpperCase())
                .containsExactlyInAnyOrder("CH-1", null);

        publish(of(product(tenant, HUBSPOT, CrmSource.HUBSPOT, "p-2").setOp(Op.DELETE)
                        .setSourceUpdatedAt(MergeWire.T0.plusSeconds(60)).build()),
                of(product(tenant, SALESFORCE, CrmSource.SALESFORCE, "01t2").setOp(Op.DELETE)
                        .setSourceUpdatedAt(MergeWire.T0.plusSeconds(60)).build()));
        assertThat(output.await(o -> o.items().size() == 1).items().values())
                .extracting(i -> i.getSku().trim().toUpperCase()).containsExactly("CH-1");
    }

    @Test
    void withSyncProductsOffNothingIsPublishedUntilItIsTurnedOn() {
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, false, MergeWire.T0),
                of(product(tenant, HUBSPOT, CrmSource.HUBSPOT, "p-9").setName("Licence").setSku("LIC").build()));
        assertThat(output.settle(Duration.ofSeconds(3)).itemRecords()).isEmpty();

        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true,
                MergeWire.T0.plusSeconds(60)));
        assertThat(output.await(o -> o.items().size() == 1).items().values()).extracting(CatalogItem::getName)
                .containsExactly("Licence");
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndTheNextOneIsProcessed() {
        String key = Keys.of(tenant, "HUBSPOT", "bad");
        input.sendRaw(Topics.CONTACTS, key, "not avro".getBytes(StandardCharsets.UTF_8));
        publish(connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "good").setFirstName("Good").setLastName("Record")
                        .setEmails(List.of("good@record.example")).build()));

        var letters = TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.dlq(Topics.CONTACTS),
                AvroSerde.of(DeadLetter.class).deserializer(), r -> key.equals(r.key()), Duration.ofSeconds(60));
        DeadLetter letter = letters.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(letter.getReasonCode()).isEqualTo("BAD_MARKER");
        assertThat(letter.getStage()).isEqualTo("merge-service/consumer");
        assertThat(output.await(o -> o.customers().size() == 1).customers()).hasSize(1);
    }

    @Test
    void theWholeInputPublishedTwiceMoreChangesNothing() {
        List<MergeWire.Input> history = history();
        publish(history);
        output.await(o -> o.deals().size() == 2 && o.items().size() == 1);
        output.settle(Duration.ofSeconds(3));
        List<Map<String, Object>> before = snapshot();
        int published = output.customerRecords().size() + output.dealRecords().size() + output.itemRecords().size();

        for (int replay = 0; replay < 2; replay++) {
            // A resync: the same versions read again, so other bytes (syncedAt) and other event ids.
            List<MergeWire.Input> again = new ArrayList<>();
            for (MergeWire.Input record : history) {
                again.add(resynced(record, replay + 1));
            }
            publish(again);
            publish(history);
        }

        output.settle(Duration.ofSeconds(3));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(output.customerRecords().size() + output.dealRecords().size() + output.itemRecords().size())
                .isEqualTo(published);
    }

    private List<MergeWire.Input> history() {
        return List.of(
                connection(tenant, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.DEALS_ONLY, true, MergeWire.T0),
                of(account(tenant, HUBSPOT, CrmSource.HUBSPOT, "a-1").setName("Acme Inc.").setDomain("acme.example").build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "c-1").setFirstName("Ada").setLastName("Lovelace")
                        .setEmails(List.of("ada@acme.example")).setAccountId("a-1").build()),
                of(contact(tenant, HUBSPOT, CrmSource.HUBSPOT, "c-2").setFirstName("Alan").setLastName("Turing")
                        .setEmails(List.of("alan@turing.example")).build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-1").setAccountId("a-1").setPrimaryContactId("c-1").build()),
                of(deal(tenant, HUBSPOT, CrmSource.HUBSPOT, "d-2").setPrimaryContactId("c-2").build()),
                of(product(tenant, HUBSPOT, CrmSource.HUBSPOT, "p-1").setName("Analytical engine").setSku("AE").build()));
    }

    private static MergeWire.Input resynced(MergeWire.Input record, int times) {
        var value = record.value();
        var field = value.getSchema().getField("syncedAt");
        if (field == null) {
            return record;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        var serde = (AvroSerde<org.apache.avro.specific.SpecificRecordBase>) AvroSerde.of(
                (Class) value.getClass());
        // A copy through the serde: Avro's own deep copy resolves classes through the wrong loader under Quarkus.
        var copy = serde.deserializer().deserialize(null, serde.serializer().serialize(null,
                (org.apache.avro.specific.SpecificRecordBase) value));
        copy.put(field.pos(), MergeWire.T0.plusSeconds(3600L * times));
        return new MergeWire.Input(record.topic(), record.key(), copy);
    }

    private List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(rows("select id, kind, display_name, email, merged_into_id, updated_at from customer where tenant_id = ? order by id", tenant));
        rows.addAll(rows("select customer_id, crm_record_id, decision, rule, linked_at from source_link where tenant_id = ? order by id", tenant));
        rows.addAll(rows("select external_id, state, customer_id, resolved_at from deal where tenant_id = ? order by id", tenant));
        rows.addAll(rows("select id, sku_key, updated_at from catalog_item where tenant_id = ? order by id", tenant));
        rows.addAll(rows("select count(*) from review_item where tenant_id = ?", tenant));
        rows.addAll(rows("select record_ref, customer_id from identity_record where tenant_id = ? order by record_ref", tenant));
        return rows;
    }
}

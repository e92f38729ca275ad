package dev.ledgerline.kpi.topology;

import static dev.ledgerline.kpi.topology.TopologyFixtures.TENANT;
import static dev.ledgerline.kpi.topology.TopologyFixtures.bytes;
import static dev.ledgerline.kpi.topology.TopologyFixtures.open;
import static dev.ledgerline.kpi.topology.TopologyFixtures.owner;
import static dev.ledgerline.kpi.topology.TopologyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ledgerline.kpi.owners.OwnerInfo;
import dev.ledgerline.schemas.AvroDecodingException;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * crm.owners.v1 in the topology: the latest state of each owner is stored (changelogged) and held in the
 * tenant's directory for display names; renames replace it, older versions are ignored, DELETE and tombstones
 * remove it, bad records go to crm.owners.v1.dlq. Owners change no KPI.
 */
class OwnerTopologyTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant T1 = NOW.minusSeconds(3600);
    private static final Instant T2 = T1.plusSeconds(60);

    private final TopologyHarness topology = new TopologyHarness("owner-topology-test", NOW);
    private final KeyValueStore<String, OwnerInfo> store = topology.store(KpiTopology.OWNER_STATES_STORE);

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void anUpsertIsStoredAndNamesItsOwnerSlice() {
        var ada = owner("u-1", "Ada Lovelace", T1).setTeam("EMEA").build();
        topology.send(ada);
        topology.send(owner("u-2", null, T1).setFirstName("Grace").setLastName("Hopper").setActive(false).build());

        assertThat(store.get(TopologyHarness.ownerKey(ada)))
                .isEqualTo(new OwnerInfo("u-1", "HUBSPOT", "Ada Lovelace", "u-1@acme.example", "EMEA", true,
                        T1.toEpochMilli()));
        assertThat(topology.books.ownerNames(TENANT)).isEqualTo(Map.of("u-1", "Ada Lovelace", "u-2", "Grace Hopper"));
        assertThat(topology.books.owners(TENANT).orElseThrow())
                .extracting(OwnerInfo::id, OwnerInfo::active)
                .containsExactly(tuple("u-1", true), tuple("u-2", false));
        assertThat(topology.books.processedCount(Topics.OWNERS)).isEqualTo(2);
        // Owners change no KPI: nothing is published for them.
        assertThat(topology.emit()).isEmpty();
    }

    @Test
    void aRenameReplacesTheNameAndAnOlderVersionIsIgnored() {
        topology.send(owner("u-1", "Ada Lovelace", T1).build());
        topology.send(owner("u-1", "Ada King", T2).build());
        assertThat(topology.books.ownerNames(TENANT)).containsExactlyEntriesOf(Map.of("u-1", "Ada King"));

        // Arrives late, changed before the rename: stale.
        topology.send(owner("u-1", "Ada Byron", T1.plusSeconds(1)).build());
        assertThat(topology.books.ownerNames(TENANT)).containsExactlyEntriesOf(Map.of("u-1", "Ada King"));
        assertThat(store.get(Keys.of(TENANT, "HUBSPOT", "u-1")).name()).isEqualTo("Ada King");
    }

    @Test
    void aDeleteOrATombstoneRemovesTheOwner() {
        topology.send(owner("u-1", "Ada Lovelace", T1).build());
        topology.send(owner("u-2", "Grace Hopper", T1).build());

        topology.send(owner("u-1", null, T2).setOp(Op.DELETE).setEmail(null).build());
        topology.owners.pipeInput(Keys.of(TENANT, "HUBSPOT", "u-2"), null, T2);

        assertThat(store.approximateNumEntries()).isZero();
        assertThat(topology.books.ownerNames(TENANT)).isEmpty();
        assertThat(topology.books.owners(TENANT).orElseThrow()).isEmpty();
    }

    @Test
    void aTenantTombstoneDeletesItsOwners() {
        topology.send(settings("Europe/Berlin", "EUR"));
        topology.send(open("d1", "u-1", T1, "100", 0.5));
        topology.send(owner("u-1", "Ada Lovelace", T1).build());

        topology.tenants.pipeInput(TENANT, null, T2);

        assertThat(store.approximateNumEntries()).isZero();
        assertThat(topology.books.owners(TENANT)).isEmpty();
    }

    @Test
    void anUndecodableOwnerGoesToItsDeadLetterTopic() {
        var garbage = topology.driver.createInputTopic(Topics.OWNERS, new StringSerializer(),
                new ByteArraySerializer());
        var raw = "not an owner".getBytes(StandardCharsets.UTF_8);
        garbage.pipeInput(Keys.of(TENANT, "HUBSPOT", "u-9"), raw, T1);

        var sent = RecordingDeadLetterHandler.PRODUCER.history();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).topic()).isEqualTo("crm.owners.v1.dlq");
        var deadLetter = AvroSerde.of(DeadLetter.class).deserializer().deserialize(sent.get(0).topic(),
                sent.get(0).value());
        assertThat(deadLetter.getOriginalTopic()).isEqualTo(Topics.OWNERS);
        assertThat(deadLetter.getTenantId()).isEqualTo(TENANT);
        assertThat(deadLetter.getReasonCode()).isEqualTo(AvroDecodingException.Reason.BAD_MARKER.name());

        // The topology goes on with the next owner.
        topology.send(owner("u-1", "Ada Lovelace", T2).build());
        assertThat(topology.books.ownerNames(TENANT)).containsEntry("u-1", "Ada Lovelace");
    }

    @Test
    void anOwnerWithoutKeyIsDeadLetteredByTheProcessor() {
        var deadLetters = topology.driver.createOutputTopic(Topics.dlq(Topics.OWNERS), new StringDeserializer(),
                AvroSerde.of(DeadLetter.class).deserializer());
        Owner keyless = owner("u-1", "Ada Lovelace", T1).build();
        topology.owners.pipeInput(null, keyless, T1);

        var letters = deadLetters.readValuesToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getReasonCode()).isEqualTo(KpiProcessor.MISSING_KEY);
        assertThat(AvroSerde.of(Owner.class).deserializer().deserialize(Topics.OWNERS,
                bytes(letters.get(0).getOriginalValue()))).isEqualTo(keyless);
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void theStoreSizesAreSampledForTheMetricsEveryInterval() {
        topology.send(settings("Europe/Berlin", "EUR"));
        topology.send(open("d1", "u-1", T1, "100", 0.5));
        topology.send(open("d2", "u-2", T1, "200", 0.5));
        topology.send(owner("u-1", "Ada Lovelace", T1).build());
        topology.emit();

        var books = topology.books;
        assertThat(books.storeEntries(KpiTopology.DEAL_STATES_STORE)).isEqualTo(2);
        assertThat(books.storeEntries(KpiTopology.OWNER_STATES_STORE)).isEqualTo(1);
        assertThat(books.storeEntries(KpiTopology.TENANT_PROFILES_STORE)).isEqualTo(1);
        assertThat(books.storeEntries(KpiTopology.LEAD_STATES_STORE)).isZero();
        // Slices ALL, OWNER u-1, OWNER u-2, PIPELINE "", LEAD_SOURCE ""; each has the one day both deals were
        // created on (2026-03-15 in Berlin).
        assertThat(books.sliceCount()).isEqualTo(5);
        assertThat(books.dayBucketCount()).isEqualTo(5);

        topology.deals.pipeInput(Keys.of(TENANT, "HUBSPOT", "d2"), null, T2);
        topology.emit();
        assertThat(books.storeEntries(KpiTopology.DEAL_STATES_STORE)).isEqualTo(1);
        assertThat(books.sliceCount()).isEqualTo(4);
    }
}

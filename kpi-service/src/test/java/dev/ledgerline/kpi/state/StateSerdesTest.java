package dev.ledgerline.kpi.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.kpi.compute.Amount;
import dev.ledgerline.kpi.compute.DealStage;
import dev.ledgerline.kpi.compute.DealState;
import dev.ledgerline.kpi.compute.DealVersion;
import dev.ledgerline.kpi.compute.LeadProgress;
import dev.ledgerline.kpi.compute.LeadVersion;
import dev.ledgerline.kpi.compute.TenantProfile;
import dev.ledgerline.kpi.owners.OwnerInfo;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StateSerdesTest {
    private static final String TOPIC = "kpi-service-kpi-deal-states-changelog";

    static Stream<DealState> dealStates() {
        var full = new DealVersion(1_772_000_000_123L, false, 1_771_000_000_000L, 1_772_000_000_000L, DealStage.WON,
                new Amount(new BigDecimal("48250.1250"), "SEK"), new Amount(new BigDecimal("4217.33"), "EUR"), 1.0,
                "owner-77", "pipe|line", "Wéb | Paid ✓");
        var sparse = new DealVersion(5L, false, 3L, null, DealStage.OPEN, null, null, null, null, null, "");
        var hugeAmount = new DealVersion(9L, false, 1L, null, DealStage.OPEN,
                new Amount(new BigDecimal("-123456789012345678901234567890.000000000001"), "USD"), null, 0.25,
                "o", "p", null);
        return Stream.of(
                new DealState(full, new DealState.LastOpen(1_771_500_000_000L, 0.4)),
                new DealState(full, new DealState.LastOpen(7L, null)),
                new DealState(sparse, null),
                new DealState(hugeAmount, new DealState.LastOpen(9L, 0.25)),
                new DealState(DealVersion.deletion(42L), new DealState.LastOpen(40L, 0.1)),
                new DealState(new DealVersion(1L, false, 1L, 2L, DealStage.LOST, null, null, null, null, null, null),
                        null));
    }

    @ParameterizedTest
    @MethodSource("dealStates")
    void dealStatesRoundTrip(DealState state) {
        assertThat(roundTrip(StateSerdes.dealState(), state)).isEqualTo(state);
    }

    @Test
    void amountsKeepTheirScale() {
        var state = dealStates().findFirst().orElseThrow();
        var back = roundTrip(StateSerdes.dealState(), state);
        assertThat(back.latest().amount().value().scale()).isEqualTo(4);
        assertThat(back.latest().amountInHomeCurrency().value()).isEqualByComparingTo("4217.33");
        assertThat(back.latest().amountInHomeCurrency().value().scale()).isEqualTo(2);
    }

    static Stream<LeadVersion> leads() {
        return Stream.of(
                new LeadVersion(10L, false, 3L, LeadProgress.CONVERTED, "owner-1", "ORGANIC"),
                new LeadVersion(11L, false, 4L, LeadProgress.QUALIFIED, null, null),
                new LeadVersion(12L, false, 5L, LeadProgress.NOT_QUALIFIED, "", "a|b%c"),
                new LeadVersion(13L, false, null, null, null, null),
                LeadVersion.deletion(99L));
    }

    @ParameterizedTest
    @MethodSource("leads")
    void leadsRoundTrip(LeadVersion lead) {
        assertThat(roundTrip(StateSerdes.leadVersion(), lead)).isEqualTo(lead);
    }

    @Test
    void profilesRoundTrip() {
        var berlin = new TenantProfile("acme", ZoneId.of("Europe/Berlin"), "EUR", 4);
        var defaults = TenantProfile.defaults("tenant|with-bar");
        var offset = new TenantProfile("t", ZoneId.of("+05:30"), null, 12);
        for (var profile : new TenantProfile[] {berlin, defaults, offset}) {
            assertThat(roundTrip(StateSerdes.tenantProfile(), profile)).isEqualTo(profile);
        }
    }

    @Test
    void ownersRoundTrip() {
        var full = new OwnerInfo("u-17", "HUBSPOT", "Zoë Müller | Sales", "zoe@example.com", "EMEA", false, 1_772L);
        var sparse = new OwnerInfo("", "MONDAY", null, null, null, true, 0L);
        for (var owner : new OwnerInfo[] {full, sparse}) {
            assertThat(roundTrip(StateSerdes.ownerInfo(), owner)).isEqualTo(owner);
        }
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(StateSerdes.dealState().serializer().serialize(TOPIC, null)).isNull();
        assertThat(StateSerdes.dealState().deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(StateSerdes.leadVersion().serializer().serialize(TOPIC, null)).isNull();
        assertThat(StateSerdes.tenantProfile().deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void startsWithTheFormatVersionAndRefusesAnUnknownOne() {
        var bytes = StateSerdes.leadVersion().serializer().serialize(TOPIC, leads().findFirst().orElseThrow());
        assertThat(bytes[0]).isEqualTo(StateSerdes.FORMAT_V1);
        bytes[0] = 99;
        assertThatThrownBy(() -> StateSerdes.leadVersion().deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("99");
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        var bytes = serde.serializer().serialize(TOPIC, value);
        return serde.deserializer().deserialize(TOPIC, bytes);
    }
}

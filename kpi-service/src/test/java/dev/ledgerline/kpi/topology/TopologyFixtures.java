package dev.ledgerline.kpi.topology;

import dev.ledgerline.schemas.Keys;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.LeadStatus;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.StageCategory;
import dev.ledgerline.wire.TenantSettings;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Wire records for the topology tests; fields the KPIs do not read get plausible values. */
final class TopologyFixtures {
    static final String TENANT = "acme";

    private TopologyFixtures() {
    }

    static String dealKey(String id) {
        return Keys.of(TENANT, "HUBSPOT", id);
    }

    static String leadKey(String id) {
        return Keys.of(TENANT, "HUBSPOT", "lead-" + id);
    }

    static Deal.Builder deal(String id, String owner, Instant createdAt, Instant updatedAt, StageCategory stage,
            Instant closedAt, String amount) {
        return Deal.newBuilder()
                .setTenantId(TENANT).setConnectionId("conn-1").setSource(CrmSource.HUBSPOT).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(updatedAt).setSyncedAt(updatedAt.plusMillis(250))
                .setName("deal " + id)
                .setAmount(amount == null ? null : new Money(new BigDecimal(amount).setScale(4), "EUR"))
                .setStageCategory(stage).setCreatedAt(createdAt).setClosedAt(closedAt).setOwnerId(owner);
    }

    static Deal open(String id, String owner, Instant createdAt, String amount, double probability) {
        return deal(id, owner, createdAt, createdAt, StageCategory.OPEN, null, amount)
                .setProbability(probability).build();
    }

    static Deal closed(String id, String owner, Instant createdAt, StageCategory stage, Instant closedAt,
            String amount) {
        return deal(id, owner, createdAt, closedAt, stage, closedAt, amount).build();
    }

    static Lead lead(String id, String owner, Instant createdAt, LeadStatus status) {
        return Lead.newBuilder()
                .setTenantId(TENANT).setConnectionId("conn-1").setSource(CrmSource.HUBSPOT).setExternalId("lead-" + id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(createdAt).setSyncedAt(createdAt)
                .setCreatedAt(createdAt).setStatus(status).setOwnerId(owner)
                .build();
    }

    /** An UPSERT of a HubSpot owner with a full name (null leaves only first and last name). */
    static Owner.Builder owner(String id, String name, Instant updatedAt) {
        return Owner.newBuilder()
                .setTenantId(TENANT).setConnectionId("conn-1").setSource(CrmSource.HUBSPOT).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(updatedAt).setSyncedAt(updatedAt.plusMillis(250))
                .setName(name).setEmail(id + "@acme.example").setActive(true);
    }

    /** The bytes of a (dead letter's) buffer, leaving the buffer as it was. */
    static byte[] bytes(ByteBuffer buffer) {
        var copy = buffer.duplicate();
        var bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    static TenantSettings settings(String zone, String currency) {
        return TenantSettings.newBuilder()
                .setTenantId(TENANT).setHomeCurrency(currency).setTimeZone(zone).setFiscalYearStartMonth(1)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }
}

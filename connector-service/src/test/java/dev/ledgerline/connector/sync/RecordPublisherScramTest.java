package dev.ledgerline.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.devstack.Devstack;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/**
 * The publisher of the synced CRM records on the broker's SASL listener (SCRAM-SHA-512), configured from
 * {@code kafka.*} as in a deployment with {@code KAFKA_SECURITY_PROTOCOL=SASL_…}: the rest of the service's tests use
 * the plain listener.
 */
class RecordPublisherScramTest {
    @Test
    void withTheUsersPasswordABatchIsAcknowledgedAndOnTheTopic() {
        Owner owner = owner("scram-" + UUID.randomUUID());
        String key = Keys.of(owner.getTenantId(), CrmSource.HUBSPOT.name(), owner.getExternalId());
        RecordPublisher publisher = publisher(Devstack.SCRAM_PASSWORD);
        try {
            RecordPublisher.Batch batch = publisher.batch();
            batch.send(Topics.OWNERS, key, owner);
            batch.await();
        } finally {
            publisher.close();
        }
        assertThat(TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.OWNERS,
                AvroSerde.of(Owner.class).deserializer(), record -> record.key().equals(key), Duration.ofSeconds(30)))
                .anySatisfy(record -> assertThat(record.value()).isEqualTo(owner));
    }

    @Test
    void withAWrongPasswordTheBatchFailsWithTheAuthenticationError() {
        Owner owner = owner("scram-" + UUID.randomUUID());
        RecordPublisher publisher = publisher("not-the-password");
        try {
            RecordPublisher.Batch batch = publisher.batch();
            batch.send(Topics.OWNERS, owner.getTenantId(), owner);
            assertThatThrownBy(batch::await).hasMessageContaining("Kafka did not acknowledge")
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        } finally {
            publisher.close();
        }
    }

    private static RecordPublisher publisher(String password) {
        return new RecordPublisher(KafkaClientConfig.of(DevstackResource.scramClientSettings(password)));
    }

    private static Owner owner(String tenant) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Owner.newBuilder().setTenantId(tenant).setConnectionId("c1").setSource(CrmSource.HUBSPOT)
                .setExternalId("o-1").setOp(Op.UPSERT).setSourceUpdatedAt(now).setSyncedAt(now).setName("Olivia Owner")
                .build();
    }
}

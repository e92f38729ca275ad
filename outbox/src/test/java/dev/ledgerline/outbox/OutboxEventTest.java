package dev.ledgerline.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event the relay could never publish fails the append, and so the caller's transaction. */
class OutboxEventTest {

    @Test
    void anEventOnATopicOfTheSuiteOrItsDeadLetterTopicIsAccepted() {
        assertThat(new OutboxEvent(Topics.CUSTOMERS, "acme|c1", new byte[10], Map.of("trace", "t1")).headers())
                .containsEntry("trace", "t1");
        assertThat(new OutboxEvent(Topics.dlq(Topics.CUSTOMERS), "acme|c1", null, Map.of()).value()).isNull();
    }

    @Test
    void anUnknownTopicIsRefused() {
        assertThatThrownBy(() -> new OutboxEvent("customers.v9", "acme|c1", new byte[1], Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customers.v9");
    }

    @Test
    void aMissingKeyIsRefused() {
        assertThatThrownBy(() -> new OutboxEvent(Topics.CUSTOMERS, "", new byte[1], Map.of()))
                .hasMessageContaining("key");
        assertThatThrownBy(() -> new OutboxEvent(Topics.CUSTOMERS, null, new byte[1], Map.of()))
                .hasMessageContaining("key");
    }

    @Test
    void aValueLargerThanAKafkaRecordIsRefused() {
        assertThatThrownBy(() -> new OutboxEvent(Topics.CUSTOMERS, "acme|c1",
                new byte[OutboxEvent.MAX_VALUE_BYTES + 1], Map.of()))
                .hasMessageContaining(Integer.toString(OutboxEvent.MAX_VALUE_BYTES + 1));
    }

    @Test
    void theIdHeaderIsTheOutboxsOwnAndTheHeadersAreCopied() {
        assertThatThrownBy(() -> new OutboxEvent(Topics.CUSTOMERS, "acme|c1", new byte[1],
                Map.of(OutboxEvent.ID_HEADER, "mine"))).hasMessageContaining("event id");
        Map<String, String> headers = new HashMap<>(Map.of("trace", "t1"));
        OutboxEvent event = new OutboxEvent(Topics.CUSTOMERS, "acme|c1", new byte[1], headers);
        headers.put("trace", "changed");
        assertThat(event.headers()).containsEntry("trace", "t1");
    }
}

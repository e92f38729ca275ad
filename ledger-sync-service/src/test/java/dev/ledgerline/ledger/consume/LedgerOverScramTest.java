package dev.ledgerline.ledger.consume;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicProbe;
import dev.ledgerline.ledger.LedgerTestSupport;
import dev.ledgerline.ledger.Wire;
import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.DeadLetter;
import dev.ledgerline.wire.LedgerDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The service on the broker's SASL listener (SCRAM-SHA-512), configured only by the {@code kafka.*} settings a
 * deployment passes: its readiness (Kafka health check, record consumer, outbox relay), the record consumers, the
 * dead-letter producer and the outbox relay's producer all authenticate. The test's own clients use the plain listener.
 */
@QuarkusTest
// Restricted: an unrestricted test resource applies to every test of the module, which must stay on the plain listener.
@QuarkusTestResource(value = DevstackResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "ledger"),
        @ResourceArg(name = DevstackResource.KAFKA_LISTENER_ARG, value = DevstackResource.SCRAM_LISTENER)})
class LedgerOverScramTest extends LedgerTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void consumesPostsPublishesAndDeadLettersAsTheScramUser() {
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        Wire.Input unknownCurrency = Wire.invoice(tenant, "xyz").currency("XYZ").line("p-1", "1", "10.00", null, null)
                .build();
        publish(Wire.connection(tenant), Wire.invoice(tenant, "inv-1").line("p-1", "1", "10.00", null, null).build(),
                unknownCurrency);

        assertThat(documentKinds()).containsExactly("INVOICE");
        assertThat(TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.LEDGER_DOCUMENTS,
                AvroSerde.of(LedgerDocument.class).deserializer(), record -> record.key().startsWith(tenant + "|"),
                PATIENCE)).anySatisfy(record -> assertThat(record.key()).startsWith(tenant + "|"));
        assertThat(TopicProbe.readUntil(DevstackResource.bootstrapServers(), Topics.dlq(Topics.INVOICES),
                AvroSerde.of(DeadLetter.class).deserializer(), record -> unknownCurrency.key().equals(record.key()),
                PATIENCE)).filteredOn(record -> unknownCurrency.key().equals(record.key()))
                .extracting(record -> record.value().getReasonCode()).containsExactly("UNKNOWN_CURRENCY");
    }
}

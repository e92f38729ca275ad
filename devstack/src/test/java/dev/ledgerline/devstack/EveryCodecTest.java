package dev.ledgerline.devstack;

import dev.ledgerline.schemas.Topics;
import org.apache.kafka.common.record.CompressionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The broker stores what any Kafka client may send: services compress with lz4, other clients with whatever they
 * choose. Before lz4 was on devstack's class path, every sync failed against the devstack process.
 */
class EveryCodecTest {

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.ledgerline.devstack.CodecRoundTrip#CODECS")
    void producesAndConsumesABatchCompressedWith(CompressionType codec) {
        CodecRoundTrip.check(DevstackResource.bootstrapServers(), Topics.dlq(Topics.DEALS), codec);
    }
}

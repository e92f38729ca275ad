package dev.ledgerline.kpi.topology;

import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The production handler with a MockProducer, so that a TopologyTestDriver test can see its dead letters. */
public class RecordingDeadLetterHandler extends DeadLetterDeserializationHandler {
    static final MockProducer<byte[], byte[]> PRODUCER =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    static volatile Map<String, Object> lastConfig;

    @Override
    protected Producer<byte[], byte[]> createProducer(Map<String, Object> config) {
        lastConfig = config;
        return PRODUCER;
    }
}

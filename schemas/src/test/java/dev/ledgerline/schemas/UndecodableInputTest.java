package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ledgerline.schemas.AvroDecodingException.Reason;
import dev.ledgerline.wire.Deal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UndecodableInputTest {

    private final AvroSerde<Deal> serde = AvroSerde.of(Deal.class);
    private final byte[] valid = serde.serializer().serialize(Topics.DEALS, WireSamples.deal(2));
    private final long dealFingerprint = SchemaStore.get().current(Deal.getClassSchema().getFullName()).fingerprint();

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"dealId\":\"3301\"}", "\u00c3"})
    void textOrTooShortInputIsABadMarker(String text) {
        AvroDecodingException e = decodeFailure(text.getBytes(StandardCharsets.UTF_8));

        assertThat(e.reason()).isEqualTo(Reason.BAD_MARKER);
        assertThat(e.fingerprint()).isEmpty();
    }

    @Test
    void aValidRecordWithAnotherMarkerIsABadMarker() {
        byte[] bytes = valid.clone();
        bytes[1] = 0x02;

        assertThat(decodeFailure(bytes).reason()).isEqualTo(Reason.BAD_MARKER);
    }

    @Test
    void aHeaderCutShortIsABadMarker() {
        assertThat(decodeFailure(Arrays.copyOf(valid, 9)).reason()).isEqualTo(Reason.BAD_MARKER);
    }

    @Test
    void anUnknownFingerprintIsReportedWithTheFingerprint() {
        long unknown = 0x0123456789ABCDEFL;
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(unknown);

        AvroDecodingException e = decodeFailure(bytes);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
        assertThat(e.fingerprint()).hasValue(unknown);
        assertThat(e).hasMessageContaining(Long.toString(unknown));
    }

    @Test
    void aTruncatedBodyIsCorrupt() {
        AvroDecodingException e = decodeFailure(Arrays.copyOf(valid, valid.length / 2));

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
        assertThat(e.fingerprint()).hasValue(dealFingerprint);
    }

    @Test
    void aHeaderWithoutBodyIsCorrupt() {
        assertThat(decodeFailure(Arrays.copyOf(valid, 10)).reason()).isEqualTo(Reason.CORRUPT_BODY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "ff", "0841434d45"})
    void garbageAfterAValidHeaderIsCorrupt(String body) {
        // 01: a string length of -1; ff: an unfinished number; 0841434d45: tenant "ACME", then nothing.
        byte[] bytes = Arrays.copyOf(valid, 10 + body.length() / 2);
        System.arraycopy(HexFormat.of().parseHex(body), 0, bytes, 10, body.length() / 2);

        AvroDecodingException e = decodeFailure(bytes);

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
        assertThat(e.fingerprint()).hasValue(dealFingerprint);
    }

    @Test
    void bytesLeftOverAfterTheRecordAreCorrupt() {
        byte[] bytes = Arrays.copyOf(valid, valid.length + 3);

        AvroDecodingException e = decodeFailure(bytes);

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
        assertThat(e).hasMessageContaining("3 bytes left over");
    }

    @Test
    void isTheKafkaSerializationExceptionConsumersAlreadyHandle() {
        assertThat(decodeFailure(new byte[] {1, 2, 3})).isInstanceOf(SerializationException.class);
    }

    private AvroDecodingException decodeFailure(byte[] bytes) {
        return catchThrowableOfType(AvroDecodingException.class,
                () -> serde.deserializer().deserialize(Topics.DEALS, bytes));
    }
}

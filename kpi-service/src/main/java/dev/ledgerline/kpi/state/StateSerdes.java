package dev.ledgerline.kpi.state;

import dev.ledgerline.kpi.compute.Amount;
import dev.ledgerline.kpi.compute.DealStage;
import dev.ledgerline.kpi.compute.DealState;
import dev.ledgerline.kpi.compute.DealVersion;
import dev.ledgerline.kpi.compute.LeadProgress;
import dev.ledgerline.kpi.compute.LeadVersion;
import dev.ledgerline.kpi.compute.TenantProfile;
import dev.ledgerline.kpi.owners.OwnerInfo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the per-record state kept in kpi-service's changelogged stores. Small and explicit: a leading
 * format-version byte, then the fields with {@link DataOutputStream}; every nullable field is preceded by a
 * presence byte. Enums are written as explicit codes, never as ordinals, so reordering a constant cannot
 * change the meaning of stored bytes. A new format gets a new version byte and the reader keeps reading the
 * old one.
 */
public final class StateSerdes {
    static final byte FORMAT_V1 = 1;

    private StateSerdes() {
    }

    public static Serde<DealState> dealState() {
        return Serdes.serdeFrom(
                (topic, state) -> state == null ? null : encode(out -> writeDealState(out, state)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateSerdes::readDealState));
    }

    public static Serde<LeadVersion> leadVersion() {
        return Serdes.serdeFrom(
                (topic, lead) -> lead == null ? null : encode(out -> writeLead(out, lead)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateSerdes::readLead));
    }

    public static Serde<TenantProfile> tenantProfile() {
        return Serdes.serdeFrom(
                (topic, profile) -> profile == null ? null : encode(out -> writeProfile(out, profile)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateSerdes::readProfile));
    }

    public static Serde<OwnerInfo> ownerInfo() {
        return Serdes.serdeFrom(
                (topic, owner) -> owner == null ? null : encode(out -> writeOwner(out, owner)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateSerdes::readOwner));
    }

    // --- deal state

    private static void writeDealState(DataOutputStream out, DealState state) throws IOException {
        writeDealVersion(out, state.latest());
        var lastOpen = state.lastOpen();
        out.writeBoolean(lastOpen != null);
        if (lastOpen != null) {
            out.writeLong(lastOpen.sourceUpdatedAt());
            writeDouble(out, lastOpen.probability());
        }
    }

    private static DealState readDealState(DataInputStream in) throws IOException {
        var latest = readDealVersion(in);
        DealState.LastOpen lastOpen = null;
        if (in.readBoolean()) {
            lastOpen = new DealState.LastOpen(in.readLong(), readDouble(in));
        }
        return new DealState(latest, lastOpen);
    }

    private static void writeDealVersion(DataOutputStream out, DealVersion deal) throws IOException {
        out.writeLong(deal.sourceUpdatedAt());
        out.writeBoolean(deal.deleted());
        writeLong(out, deal.createdAt());
        writeLong(out, deal.closedAt());
        out.writeByte(stageCode(deal.stage()));
        writeAmount(out, deal.amount());
        writeAmount(out, deal.amountInHomeCurrency());
        writeDouble(out, deal.probability());
        writeString(out, deal.ownerId());
        writeString(out, deal.pipelineId());
        writeString(out, deal.leadSource());
    }

    private static DealVersion readDealVersion(DataInputStream in) throws IOException {
        return new DealVersion(
                in.readLong(),
                in.readBoolean(),
                readLong(in),
                readLong(in),
                stage(in.readByte()),
                readAmount(in),
                readAmount(in),
                readDouble(in),
                readString(in),
                readString(in),
                readString(in));
    }

    private static byte stageCode(DealStage stage) {
        if (stage == null) {
            return 0;
        }
        return switch (stage) {
            case OPEN -> 1;
            case WON -> 2;
            case LOST -> 3;
        };
    }

    private static DealStage stage(byte code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> DealStage.OPEN;
            case 2 -> DealStage.WON;
            case 3 -> DealStage.LOST;
            default -> throw new SerializationException("Unknown deal stage code " + code);
        };
    }

    // --- lead

    private static void writeLead(DataOutputStream out, LeadVersion lead) throws IOException {
        out.writeLong(lead.sourceUpdatedAt());
        out.writeBoolean(lead.deleted());
        writeLong(out, lead.createdAt());
        out.writeByte(progressCode(lead.progress()));
        writeString(out, lead.ownerId());
        writeString(out, lead.leadSource());
    }

    private static LeadVersion readLead(DataInputStream in) throws IOException {
        return new LeadVersion(
                in.readLong(), in.readBoolean(), readLong(in), progress(in.readByte()), readString(in), readString(in));
    }

    private static byte progressCode(LeadProgress progress) {
        if (progress == null) {
            return 0;
        }
        return switch (progress) {
            case NOT_QUALIFIED -> 1;
            case QUALIFIED -> 2;
            case CONVERTED -> 3;
        };
    }

    private static LeadProgress progress(byte code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> LeadProgress.NOT_QUALIFIED;
            case 2 -> LeadProgress.QUALIFIED;
            case 3 -> LeadProgress.CONVERTED;
            default -> throw new SerializationException("Unknown lead progress code " + code);
        };
    }

    // --- tenant profile

    private static void writeProfile(DataOutputStream out, TenantProfile profile) throws IOException {
        out.writeUTF(profile.tenantId());
        out.writeUTF(profile.zone().getId());
        writeString(out, profile.homeCurrency());
        out.writeByte(profile.fiscalYearStartMonth());
    }

    private static TenantProfile readProfile(DataInputStream in) throws IOException {
        return new TenantProfile(in.readUTF(), ZoneId.of(in.readUTF()), readString(in), in.readByte());
    }

    // --- owner

    private static void writeOwner(DataOutputStream out, OwnerInfo owner) throws IOException {
        out.writeLong(owner.sourceUpdatedAt());
        writeString(out, owner.id());
        writeString(out, owner.source());
        writeString(out, owner.name());
        writeString(out, owner.email());
        writeString(out, owner.team());
        out.writeBoolean(owner.active());
    }

    private static OwnerInfo readOwner(DataInputStream in) throws IOException {
        var updatedAt = in.readLong();
        return new OwnerInfo(readString(in), readString(in), readString(in), readString(in), readString(in),
                in.readBoolean(), updatedAt);
    }

    // --- primitives

    private static void writeLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeDouble(DataOutputStream out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    /** Strings as length-prefixed UTF-8 (not writeUTF, which is limited to 64 KiB and modified UTF-8). */
    private static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            var bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        var bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Exact: unscaled two's-complement bytes and scale, so 10.5000 stays 10.5000. */
    private static void writeAmount(DataOutputStream out, Amount amount) throws IOException {
        out.writeBoolean(amount != null);
        if (amount != null) {
            var unscaled = amount.value().unscaledValue().toByteArray();
            out.writeInt(amount.value().scale());
            out.writeInt(unscaled.length);
            out.write(unscaled);
            writeString(out, amount.currency());
        }
    }

    private static Amount readAmount(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        var scale = in.readInt();
        var unscaled = new byte[in.readInt()];
        in.readFully(unscaled);
        return new Amount(new BigDecimal(new BigInteger(unscaled), scale), readString(in));
    }

    // --- framing

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        var bytes = new UnsynchronizedBytesOut(96);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(byte[] bytes, Reader<T> reader) {
        try (var in = new DataInputStream(new UnsynchronizedBytesIn(bytes))) {
            var version = in.readByte();
            if (version != FORMAT_V1) {
                throw new SerializationException("Unknown state format version " + version);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("Corrupt state bytes", e);
        }
    }

    /**
     * ByteArrayOutputStream without its locks: every primitive a DataOutputStream writes is one synchronized call
     * there, an atomic operation each on the per-record path (one deal state is written per input record).
     */
    private static final class UnsynchronizedBytesOut extends OutputStream {
        private byte[] buffer;
        private int size;

        UnsynchronizedBytesOut(int capacity) {
            buffer = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensureCapacity(size + 1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensureCapacity(size + length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensureCapacity(int needed) {
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
            }
        }
    }

    /** ByteArrayInputStream without its locks, for the same reason (one deal state is read per input record). */
    private static final class UnsynchronizedBytesIn extends InputStream {
        private final byte[] bytes;
        private int position;

        UnsynchronizedBytesIn(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            var count = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }
}

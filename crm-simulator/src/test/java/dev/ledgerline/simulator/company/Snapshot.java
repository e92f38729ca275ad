package dev.ledgerline.simulator.company;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.LocalDate;

/** Every field of every record of a company, as JSON: two companies are the same when their snapshots are. */
final class Snapshot {
    private static final ObjectMapper FIELDS = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance));

    private Snapshot() {
    }

    static String of(Company company) {
        StringBuilder snapshot = new StringBuilder();
        company.read(c -> {
            for (Kind kind : Kind.values()) {
                for (Entity entity : c.all(kind).values()) {
                    try {
                        snapshot.append(kind).append(' ').append(FIELDS.writeValueAsString(entity)).append('\n');
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return null;
        });
        return snapshot.toString();
    }
}

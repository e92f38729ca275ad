package dev.ledgerline.consume;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code ledgerline.consumer.*} (env {@code LEDGERLINE_CONSUMER_*}). */
@ConfigMapping(prefix = "ledgerline.consumer")
public interface ConsumerSettings {
    /** Consumer group shared by every instance of the service. */
    String groupId();

    /** Consumer threads of this instance, each a member of the group. */
    @WithDefault("1")
    int threads();

    /** Attempts at a record that fails for a reason other than a transient fault before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /**
     * Records of one partition number applied in one transaction (fewer commits and lock round trips); a chunk that
     * fails is applied again one record per transaction. 1: every record in its own transaction.
     */
    @WithDefault("200")
    int recordsPerTransaction();

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** False: no consumer runs (tests that feed the record processor directly). */
    @WithDefault("true")
    boolean enabled();
}

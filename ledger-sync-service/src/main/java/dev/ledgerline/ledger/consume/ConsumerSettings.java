package dev.ledgerline.ledger.consume;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code ledgerline.ledger.consumer.*} (env {@code LEDGERLINE_LEDGER_CONSUMER_*}). */
@ConfigMapping(prefix = "ledgerline.ledger.consumer")
public interface ConsumerSettings {
    /** Consumer group shared by every instance. */
    String groupId();

    /** Consumer threads of this instance, each a member of the group. */
    int threads();

    /** Attempts at a record that fails for a reason other than a transient fault before it is dead-lettered. */
    int maxAttempts();

    Duration initialBackoff();

    Duration maxBackoff();

    /** False: no consumer runs (tests that feed the record processor directly). */
    boolean enabled();
}

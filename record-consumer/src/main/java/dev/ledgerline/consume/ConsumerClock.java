package dev.ledgerline.consume;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The UTC system clock, unless the service produces a clock of its own (so that its tests can pin time). */
@ApplicationScoped
public class ConsumerClock {
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}

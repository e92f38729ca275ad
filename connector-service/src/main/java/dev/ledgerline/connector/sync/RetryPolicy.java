package dev.ledgerline.connector.sync;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a CRM call survives transient faults: the time one attempt may take, how many attempts a call gets, and the
 * exponential backoff with jitter between them. Jitter keeps the connections of many tenants from retrying in step.
 *
 * @param maxAttempts    attempts per call for one kind of fault (5xx/timeouts, rate limits), at least 1
 * @param attemptTimeout time one HTTP exchange may take before it counts as a timeout
 * @param initialBackoff backoff before the first retry; it doubles per retry
 * @param maxBackoff     upper bound of the doubled backoff
 * @param jitter         source of numbers in [0, 1) that spread each backoff over its upper half
 */
public record RetryPolicy(int maxAttempts, Duration attemptTimeout, Duration initialBackoff, Duration maxBackoff,
                          DoubleSupplier jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** What a response's {@code Retry-After} asks to wait, as delay seconds or as an HTTP date; empty without one. */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(value -> {
            if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Duration wait = Duration.between(now,
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        });
    }

    /** The wait before retry number {@code retry} (1 for the first retry): half the doubled backoff plus a random half. */
    public Duration backoff(int retry) {
        long doubled = initialBackoff.toMillis() << Math.min(retry - 1, 30);
        long capped = Math.min(doubled, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (jitter.getAsDouble() * (capped - half)));
    }
}

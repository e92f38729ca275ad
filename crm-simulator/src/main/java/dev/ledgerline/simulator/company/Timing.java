package dev.ledgerline.simulator.company;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/** When things happen in the generated company: growing volumes, office hours, durations with a long tail. */
final class Timing {
    private static final int FIRST_OFFICE_HOUR = 8;
    private static final int OFFICE_HOURS = 10;

    private Timing() {
    }

    /**
     * A moment between {@code from} and {@code to} whose density grows linearly by the factor {@code growth} over the
     * span, as a growing business sees more of everything lately.
     */
    static Instant growing(Random random, Instant from, Instant to, double growth) {
        double a = (growth - 1) / 2;
        double u = random.nextDouble();
        double x = a == 0 ? u : (-1 + Math.sqrt(1 + 4 * a * u * (1 + a))) / (2 * a);
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis((long) (x * span));
    }

    /**
     * The same calendar day (UTC) at a random office-hours time, a weekend moved to the Monday after; {@code fallback}
     * when that would pass {@code notAfter}, so that nothing happens after the reference time.
     */
    static Instant officeHours(Random random, Instant day, Instant notAfter, Instant fallback) {
        ZonedDateTime date = day.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        Instant at = date.plusHours(FIRST_OFFICE_HOUR).toInstant()
                .plusMillis((long) (random.nextDouble() * Duration.ofHours(OFFICE_HOURS).toMillis()));
        return at.isAfter(notAfter) ? fallback : at;
    }

    /** A moment strictly after {@code previous}: {@code candidate}, or a few minutes after {@code previous}. */
    static Instant after(Random random, Instant previous, Instant candidate) {
        return candidate.isAfter(previous) ? candidate : previous.plusSeconds(60 + random.nextInt(1800));
    }

    /** {@code at} plus between {@code min} and {@code max} days, uniformly, to the millisecond. */
    static Instant plusDays(Random random, Instant at, double min, double max) {
        return at.plusMillis((long) ((min + random.nextDouble() * (max - min)) * Duration.ofDays(1).toMillis()));
    }

    /** A log-normally distributed value: most near the median, a long tail of large ones. */
    static double logNormal(Random random, double median, double sigma) {
        return Math.exp(Math.log(median) + sigma * random.nextGaussian());
    }
}

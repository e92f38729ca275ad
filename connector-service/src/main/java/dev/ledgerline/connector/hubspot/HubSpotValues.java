package dev.ledgerline.connector.hubspot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Parsing of HubSpot's property values, which are all strings: dates come as ISO-8601 with varying precision
 * ({@code 2024-05-01}, {@code 2024-05-01T10:15:30Z}, {@code 2024-05-01T10:15:30.123456Z}) or as epoch
 * milliseconds ({@code 1714558530123}), depending on endpoint and property.
 */
final class HubSpotValues {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private HubSpotValues() {
    }

    /** The instant a date value stands for; a date without time is midnight UTC, as HubSpot stores date properties. */
    static Instant instant(String value) {
        String text = value.trim();
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        if (DATE_ONLY.matcher(text).matches()) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                LocalDateTime::from);
        return parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /** The calendar date of a date value: a plain date as is, a point in time as the date it falls on in {@code zone}. */
    static LocalDate date(String value, ZoneId zone) {
        String text = value.trim();
        if (DATE_ONLY.matcher(text).matches()) {
            return LocalDate.parse(text);
        }
        return LocalDate.ofInstant(instant(text), zone);
    }

    /** The decimal number of a numeric value, exactly as written; never through a double. */
    static BigDecimal decimal(String value) {
        return new BigDecimal(value.trim());
    }
}

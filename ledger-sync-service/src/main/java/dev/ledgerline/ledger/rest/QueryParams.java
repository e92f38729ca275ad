package dev.ledgerline.ledger.rest;

import dev.ledgerline.rest.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Query parameters read by the resources themselves, so that a bad one is a 400 problem naming it (JAX-RS would
 * answer 404 for a query parameter it cannot convert).
 */
public final class QueryParams {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    private QueryParams() {
    }

    /** A page request: {@code page} ≥ 0, 1 ≤ {@code size} ≤ 500 (default 0 and 50). */
    public record Paging(int page, int size) {
        public int offset() {
            return page * size;
        }
    }

    public static Paging paging(String page, String size) {
        int pageNumber = integer("page", page, 0);
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageNumber < 0) {
            throw ProblemException.badField("page", "must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw ProblemException.badField("size", "must be between 1 and " + MAX_SIZE);
        }
        return new Paging(pageNumber, pageSize);
    }

    /** An optional calendar date {@code YYYY-MM-DD}. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(name, "must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    /** Checks that a range's start is not after its end. */
    public static void range(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badField("from", "must not be after to (" + to + ")");
        }
    }

    /** An optional value of an enum, case-insensitive; the problem lists the allowed values. */
    public static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(name, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'");
        }
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badField(name, "must be a whole number, got '" + value + "'");
        }
    }
}

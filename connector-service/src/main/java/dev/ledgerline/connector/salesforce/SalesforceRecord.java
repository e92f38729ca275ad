package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerline.connector.sync.InvalidObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed reading of one Salesforce record, from the REST API (typed JSON values) or a Bulk API result row (text):
 * fields by API name, relationship fields by path ({@code RecordType.Name}), child relationships of a subquery
 * ({@code OpportunityLineItems}). Date-times come as {@code 2024-07-03T10:00:00.000+0000} (REST) or with {@code Z}
 * (Bulk); dates as {@code 2024-07-03}. A value that is present but unreadable throws {@link InvalidObject} naming the
 * field and the value; an absent, null or blank value reads as null.
 */
final class SalesforceRecord {
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private final JsonNode json;

    SalesforceRecord(JsonNode json) {
        this.json = json;
    }

    /** The record as Salesforce sent it. */
    JsonNode json() {
        return json;
    }

    /** The record's id, or null; for rejections, which must not fail themselves. */
    static String idOf(JsonNode json) {
        return textOf(json.get("Id"));
    }

    String id() {
        String id = idOf(json);
        if (id == null) {
            throw new InvalidObject("the record has no Id");
        }
        return id;
    }

    boolean deleted() {
        Boolean deleted = bool("IsDeleted");
        return deleted != null && deleted;
    }

    /** A field as text; {@code path} may name a relationship field such as {@code RecordType.Name}. */
    String text(String path) {
        JsonNode node = json;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return textOf(node);
    }

    String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw new InvalidObject("field '" + field + "' is empty");
        }
        return value;
    }

    BigDecimal decimal(String field) {
        JsonNode node = json.get(field);
        if (node != null && node.isNumber()) {
            return node.decimalValue();
        }
        return parse(field, text(field), value -> new BigDecimal(value.trim()), "a decimal number");
    }

    Integer integer(String field) {
        BigDecimal value = decimal(field);
        try {
            return value == null ? null : value.intValueExact();
        } catch (ArithmeticException notWhole) {
            throw new InvalidObject("field '" + field + "' is not a whole number: \"" + value.toPlainString() + "\"");
        }
    }

    Boolean bool(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidObject("field '" + field + "' is not true or false: \"" + value + "\"");
        };
    }

    Instant instant(String field) {
        return parse(field, text(field), SalesforceRecord::instantOf, "a date-time");
    }

    LocalDate date(String field) {
        return parse(field, text(field), value -> LocalDate.parse(value.trim()), "a date");
    }

    /** The live rows of a child relationship (a subquery), in Salesforce's order; empty when it has none. */
    List<SalesforceRecord> children(String relationship) {
        List<SalesforceRecord> children = new ArrayList<>();
        json.path(relationship).path("records").forEach(child -> children.add(new SalesforceRecord(child)));
        return children;
    }

    /** A date-time in either of Salesforce's spellings of the UTC offset. */
    static Instant instantOf(String value) {
        String text = COMPACT_OFFSET.matcher(value.trim()).replaceFirst("$1:$2");
        return OffsetDateTime.parse(text).toInstant();
    }

    private static <T> T parse(String field, String value, Function<String, T> parser, String expected) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException unreadable) {
            throw new InvalidObject("field '" + field + "' is not " + expected + ": \"" + value + "\"");
        }
    }

    private static String textOf(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}

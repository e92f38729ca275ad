package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.sync.InvalidObject;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reading of one HubSpot object: its top-level fields ({@code id}, {@code createdAt}, {@code updatedAt},
 * {@code archived}, {@code archivedAt}), its string-valued {@code properties} and its {@code associations}. A value
 * that is present but unreadable throws {@link InvalidObject} naming the property and the value; an absent or blank
 * value reads as null, as HubSpot sends cleared properties as empty strings.
 */
final class HubSpotObject {

    private final JsonNode json;
    private final ZoneId zone;

    HubSpotObject(JsonNode json, ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    /** The object's id, or null; for rejections, which must not fail themselves. */
    static String idOf(JsonNode json) {
        return textOf(json.get("id"));
    }

    String id() {
        String id = idOf(json);
        if (id == null) {
            throw new InvalidObject("the object has no id");
        }
        return id;
    }

    boolean archived() {
        return json.path("archived").asBoolean(false);
    }

    /** A top-level field as text, e.g. an owner's {@code email}. */
    String field(String name) {
        return textOf(json.get(name));
    }

    /** A top-level date-time field such as {@code updatedAt}. */
    Instant instantField(String name) {
        return parse("field '" + name + "'", field(name), HubSpotValues::instant, "a date");
    }

    String text(String property) {
        return textOf(json.path("properties").get(property));
    }

    String requiredText(String property) {
        String value = text(property);
        if (value == null) {
            throw new InvalidObject("property '" + property + "' is empty");
        }
        return value;
    }

    BigDecimal decimal(String property) {
        return parse(where(property), text(property), HubSpotValues::decimal, "a decimal number");
    }

    BigDecimal requiredDecimal(String property) {
        requiredText(property);
        return decimal(property);
    }

    Integer integer(String property) {
        return parse(where(property), text(property), value -> Integer.valueOf(value.trim()), "a whole number");
    }

    Instant instant(String property) {
        return parse(where(property), text(property), HubSpotValues::instant, "a date");
    }

    LocalDate date(String property) {
        return parse(where(property), text(property), value -> HubSpotValues.date(value, zone), "a date");
    }

    /** An owner's teams ({@code id}, {@code name}, {@code primary}); empty when none. */
    JsonNode teams() {
        return json.path("teams");
    }

    /** Ids of the associated objects of a type ({@code contacts}, {@code companies} …), first association first. */
    List<String> associatedIds(String type) {
        Set<String> ids = new LinkedHashSet<>();
        // The same object can be listed once per association type (labelled and unlabelled).
        json.path("associations").path(type).path("results").forEach(result -> {
            String id = textOf(result.get("id"));
            if (id != null) {
                ids.add(id);
            }
        });
        return new ArrayList<>(ids);
    }

    private static String where(String property) {
        return "property '" + property + "'";
    }

    private static <T> T parse(String where, String value, Function<String, T> parser, String expected) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException unreadable) {
            throw new InvalidObject(where + " is not " + expected + ": \"" + value + "\"");
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

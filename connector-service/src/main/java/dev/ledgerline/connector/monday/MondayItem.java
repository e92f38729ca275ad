package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.sync.InvalidObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A monday item as the API sends it, read by column id; {@code column_values.value} is parsed from its JSON string. */
final class MondayItem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode item;

    MondayItem(ObjectNode item) {
        this.item = item;
    }

    /** The id, or null when the item has none; must not fail (dead letters name it). */
    static String idOf(ObjectNode item) {
        return item.path("id").asText(null);
    }

    String id() {
        String id = idOf(item);
        if (id == null || id.isBlank()) {
            throw new InvalidObject("the item has no id");
        }
        return id;
    }

    String name() {
        return text(item.path("name"));
    }

    /** Archived and deleted items leave the canonical model. */
    boolean removed() {
        String state = item.path("state").asText("active");
        return "archived".equals(state) || "deleted".equals(state);
    }

    Instant updatedAt() {
        Instant updated = instant(item.path("updated_at").asText(null), "updated_at");
        if (updated == null) {
            throw new InvalidObject("the item has no updated_at");
        }
        return updated;
    }

    Instant createdAt() {
        return instant(item.path("created_at").asText(null), "created_at");
    }

    /** The column's {@code text}, null when blank or when the column is not mapped or absent. */
    String text(Optional<String> columnId) {
        return columnId.map(this::column).map(column -> text(column.path("text"))).orElse(null);
    }

    /** The column's parsed {@code value}; missing when not mapped, absent or null. */
    JsonNode value(Optional<String> columnId) {
        JsonNode column = columnId.map(this::column).orElse(null);
        if (column == null || !column.path("value").isTextual()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return JSON.readTree(column.path("value").asText());
        } catch (JsonProcessingException malformed) {
            throw new InvalidObject("column " + columnId.get() + " has a value that is not JSON: "
                    + malformed.getOriginalMessage());
        }
    }

    /** A numbers column; a value that is not a number rejects the item. */
    BigDecimal number(Optional<String> columnId) {
        String text = text(columnId);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(",", "").trim());
        } catch (NumberFormatException notNumber) {
            throw new InvalidObject("column " + columnId.get() + " is not a number: \"" + text + "\"");
        }
    }

    /** A date column's {@code date}. */
    LocalDate date(Optional<String> columnId) {
        String date = value(columnId).path("date").asText(null);
        try {
            return date == null || date.isBlank() ? null : LocalDate.parse(date);
        } catch (DateTimeParseException unreadable) {
            throw new InvalidObject("column " + columnId.get() + " is not a date: \"" + date + "\"");
        }
    }

    /** A status column's label index (the stage id), as text. */
    String statusIndex(Optional<String> columnId) {
        JsonNode index = value(columnId).path("index");
        return index.isIntegralNumber() ? index.asText() : null;
    }

    /** The first person of a people column (teams are not owners). */
    String person(Optional<String> columnId) {
        for (JsonNode entry : value(columnId).path("personsAndTeams")) {
            if ("person".equals(entry.path("kind").asText())) {
                return entry.path("id").asText();
            }
        }
        return null;
    }

    /** The item ids a board_relation column links to. */
    List<String> linked(Optional<String> columnId) {
        List<String> ids = new ArrayList<>();
        value(columnId).path("linkedPulseIds").forEach(link -> ids.add(link.path("linkedPulseId").asText()));
        return ids;
    }

    /** An email column's address ({@code value.email}, else its text). */
    String email(Optional<String> columnId) {
        String email = value(columnId).path("email").asText(null);
        return email != null && !email.isBlank() ? email : text(columnId);
    }

    /** A phone column's number ({@code value.phone}, else its text). */
    String phone(Optional<String> columnId) {
        String phone = value(columnId).path("phone").asText(null);
        return phone != null && !phone.isBlank() ? phone : text(columnId);
    }

    private JsonNode column(String columnId) {
        for (JsonNode column : item.path("column_values")) {
            if (columnId.equals(column.path("id").asText())) {
                return column;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        String text = node.isTextual() ? node.asText() : null;
        return text == null || text.isBlank() ? null : text;
    }

    private static Instant instant(String value, String field) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            throw new InvalidObject("the item's " + field + " is not an ISO instant: \"" + value + "\"");
        }
    }
}

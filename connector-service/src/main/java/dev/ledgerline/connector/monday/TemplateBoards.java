package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The default mapping of a board, recognising monday's sales-CRM template: the board by its name (Deals, Leads,
 * Contacts, Accounts, Products) and its columns by type, and where a type occurs more than once, by title
 * (a deal's two board_relation columns link to contacts and to accounts).
 */
public final class TemplateBoards {

    private TemplateBoards() {
    }

    /** The board's default mapping, or empty for a board that is not one of the template's. */
    public static Optional<BoardMapping> recognise(JsonNode board) {
        String name = board.path("name").asText("");
        Optional<MondayEntity> entity = entityNamed(name);
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> columns = board.path("columns").isArray()
                ? java.util.stream.StreamSupport.stream(board.path("columns").spliterator(), false).toList() : List.of();
        Map<String, String> mapped = new HashMap<>();
        switch (entity.get()) {
            case DEALS -> {
                put(mapped, "stage", columns, "status", title -> true);
                put(mapped, "amount", columns, "numbers", title -> title.contains("value") || title.contains("amount"));
                put(mapped, "amount", columns, "numbers", title -> true);
                put(mapped, "expectedCloseDate", columns, "date", title -> title.contains("close"));
                put(mapped, "expectedCloseDate", columns, "date", title -> true);
                put(mapped, "owner", columns, "people", title -> true);
                put(mapped, "contacts", columns, "board_relation", title -> title.contains("contact"));
                put(mapped, "account", columns, "board_relation", title -> title.contains("account")
                        || title.contains("compan"));
            }
            case LEADS -> {
                put(mapped, "status", columns, "status", title -> true);
                put(mapped, "email", columns, "email", title -> true);
                put(mapped, "phone", columns, "phone", title -> true);
                put(mapped, "company", columns, "text", title -> title.contains("compan"));
                put(mapped, "title", columns, "text", title -> title.contains("title") || title.contains("position"));
                put(mapped, "owner", columns, "people", title -> true);
            }
            case CONTACTS -> {
                put(mapped, "email", columns, "email", title -> true);
                put(mapped, "phone", columns, "phone", title -> true);
                put(mapped, "title", columns, "text", title -> title.contains("title") || title.contains("position"));
                put(mapped, "account", columns, "board_relation", title -> title.contains("account")
                        || title.contains("compan"));
                put(mapped, "owner", columns, "people", title -> true);
            }
            case ACCOUNTS -> {
                put(mapped, "domain", columns, "link", title -> true);
                put(mapped, "domain", columns, "text", title -> title.contains("domain") || title.contains("website"));
                put(mapped, "phone", columns, "phone", title -> true);
                put(mapped, "industry", columns, "status", title -> title.contains("industry"));
                put(mapped, "industry", columns, "dropdown", title -> title.contains("industry"));
                put(mapped, "owner", columns, "people", title -> true);
            }
            case PRODUCTS -> {
                put(mapped, "price", columns, "numbers", title -> title.contains("price") || title.contains("value"));
                put(mapped, "sku", columns, "text", title -> title.contains("sku") || title.contains("code"));
                put(mapped, "description", columns, "long_text", title -> true);
            }
        }
        return Optional.of(new BoardMapping(board.path("id").asText(), name, entity.get(), mapped));
    }

    private static Optional<MondayEntity> entityNamed(String boardName) {
        String name = boardName.trim().toLowerCase(Locale.ROOT);
        for (MondayEntity entity : MondayEntity.values()) {
            String plural = entity.runName();
            if (name.equals(plural) || name.equals(plural.substring(0, plural.length() - 1))) {
                return Optional.of(entity);
            }
        }
        return Optional.empty();
    }

    /** Maps the field to the first column of the type whose lower-case title passes, unless the field is mapped. */
    private static void put(Map<String, String> mapped, String field, List<JsonNode> columns, String type,
            Predicate<String> title) {
        if (mapped.containsKey(field)) {
            return;
        }
        columns.stream().filter(column -> type.equals(column.path("type").asText()))
                .filter(column -> !mapped.containsValue(column.path("id").asText()))
                .filter(column -> title.test(column.path("title").asText("").toLowerCase(Locale.ROOT)))
                .findFirst().ifPresent(column -> mapped.put(field, column.path("id").asText()));
    }
}

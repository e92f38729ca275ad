package dev.ledgerline.connector.monday;

import java.util.Map;
import java.util.Optional;

/**
 * Which entity a board holds and which of its columns hold which canonical field (the column ids of monday).
 *
 * @param columns canonical field (see {@link MondayEntity#fields()}) → column id
 */
public record BoardMapping(String boardId, String boardName, MondayEntity entity, Map<String, String> columns) {

    public BoardMapping {
        columns = Map.copyOf(columns);
        for (String field : columns.keySet()) {
            if (!entity.fields().contains(field)) {
                throw new IllegalArgumentException("a " + entity.runName() + " board has no field " + field
                        + "; known fields: " + entity.fields());
            }
        }
    }

    public Optional<String> column(String field) {
        return Optional.ofNullable(columns.get(field));
    }
}

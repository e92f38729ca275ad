package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** A connection's board mappings in the database: stored ones, else the template's defaults, stored for editing. */
public final class BoardMappingStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoardMappingStore() {
    }

    /** The stored mappings; when there are none, {@code defaults} (read from monday) stored and answered. */
    static List<BoardMapping> boards(UUID connectionId, Supplier<List<BoardMapping>> defaults) {
        List<BoardMapping> stored = stored(connectionId);
        if (!stored.isEmpty()) {
            return stored;
        }
        List<BoardMapping> recognised = defaults.get();
        QuarkusTransaction.requiringNew().run(() -> {
            if (BoardMappingEntity.forConnection(connectionId).isEmpty()) {
                recognised.forEach(board -> toEntity(connectionId, board, false).persist());
            }
        });
        return stored(connectionId);
    }

    /** The stored mappings, in board id order. */
    public static List<BoardMapping> stored(UUID connectionId) {
        return QuarkusTransaction.requiringNew().call(() -> BoardMappingEntity.forConnection(connectionId).stream()
                .map(BoardMappingStore::fromEntity).toList());
    }

    /** Replaces the connection's mappings with a user's (every board then counts as edited). */
    public static void replace(UUID connectionId, List<BoardMapping> boards) {
        QuarkusTransaction.requiringNew().run(() -> {
            BoardMappingEntity.delete("connectionId", connectionId);
            BoardMappingEntity.flush();
            boards.forEach(board -> toEntity(connectionId, board, true).persist());
        });
    }

    private static BoardMappingEntity toEntity(UUID connectionId, BoardMapping board, boolean edited) {
        BoardMappingEntity entity = new BoardMappingEntity();
        entity.connectionId = connectionId;
        entity.boardId = board.boardId();
        entity.boardName = board.boardName();
        entity.entity = board.entity();
        entity.edited = edited;
        try {
            entity.columnsJson = JSON.writeValueAsString(board.columns());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        return entity;
    }

    static BoardMapping fromEntity(BoardMappingEntity entity) {
        try {
            return new BoardMapping(entity.boardId, entity.boardName, entity.entity,
                    JSON.readValue(entity.columnsJson, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("the stored mapping of board " + entity.boardId + " is not JSON", corrupt);
        }
    }
}

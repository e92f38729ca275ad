package dev.ledgerline.connector.monday;

import dev.ledgerline.connector.connection.ConnectionService;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.rest.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The board mappings of a monday connection: read, and replaced by a user's (which later runs keep). */
@ApplicationScoped
public class MondayBoardsService {
    private final ConnectionService connections;

    MondayBoardsService(ConnectionService connections) {
        this.connections = connections;
    }

    public List<MondayBoardDto> boards(String tenantId, UUID connectionId) {
        mondayConnection(tenantId, connectionId);
        return dtos(connectionId);
    }

    public List<MondayBoardDto> replace(String tenantId, UUID connectionId, List<MondayBoardDto> boards) {
        mondayConnection(tenantId, connectionId);
        Set<String> seen = new HashSet<>();
        List<BoardMapping> mappings = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) {
            MondayBoardDto board = boards.get(i);
            if (!seen.add(board.boardId())) {
                throw ProblemException.badField("[" + i + "].boardId", "board listed twice");
            }
            for (String field : board.columns().keySet()) {
                if (!board.entity().fields().contains(field)) {
                    throw ProblemException.badField("[" + i + "].columns." + field, "a " + board.entity().runName()
                            + " board has no such field; known fields: " + board.entity().fields());
                }
            }
            mappings.add(new BoardMapping(board.boardId(), board.boardName(), board.entity(), board.columns()));
        }
        BoardMappingStore.replace(connectionId, mappings);
        return dtos(connectionId);
    }

    private void mondayConnection(String tenantId, UUID connectionId) {
        Crm crm = QuarkusTransaction.requiringNew().call(() -> connections.find(tenantId, connectionId).crm);
        if (crm != Crm.MONDAY) {
            throw ProblemException.notFound("monday.com connection " + connectionId + " of tenant " + tenantId);
        }
    }

    private static List<MondayBoardDto> dtos(UUID connectionId) {
        return QuarkusTransaction.requiringNew().call(() -> BoardMappingEntity.forConnection(connectionId).stream()
                .map(entity -> {
                    BoardMapping mapping = BoardMappingStore.fromEntity(entity);
                    return new MondayBoardDto(mapping.boardId(), mapping.boardName(), mapping.entity(),
                            mapping.columns(), entity.edited);
                }).toList());
    }
}

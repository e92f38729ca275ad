package dev.ledgerline.connector.monday;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A monday board as the REST API shows and takes it: the entity it holds and its column ids by canonical field.
 *
 * @param edited whether a user set the mapping (answers only; a PUT marks every board edited)
 */
public record MondayBoardDto(@NotBlank @Size(max = 40) String boardId, @NotBlank @Size(max = 255) String boardName,
        @NotNull MondayEntity entity, @NotNull Map<String, @NotBlank @Size(max = 100) String> columns, boolean edited) {
}

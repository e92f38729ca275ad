package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.connector.mapping.DealPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A deals board as a pipeline: its stage column's labels (from {@code settings_str}) as stages, each identified by
 * its label index, which survives a renamed label. A label saying won ("Won", "Closed won", "Done") is a won stage, a
 * label saying lost ("Lost", "Closed lost") a lost one, every other label open; users edit the rest in the stage
 * mapping like for any CRM.
 */
final class MondayStages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WON = Set.of("won", "closed won", "deal won", "done");
    private static final Set<String> LOST = Set.of("lost", "closed lost", "deal lost");

    private MondayStages() {
    }

    /** The board's pipeline; without a mapped stage column, one with no stages. */
    static DealPipeline pipeline(BoardMapping deals, JsonNode board) {
        List<DealPipeline.Stage> stages = new ArrayList<>();
        String stageColumn = deals.column("stage").orElse(null);
        for (JsonNode column : board.path("columns")) {
            if (column.path("id").asText().equals(stageColumn)) {
                labels(column.path("settings_str").asText("{}")).fields().forEachRemaining(label -> {
                    String text = label.getValue().asText();
                    String normalised = text.trim().toLowerCase(Locale.ROOT);
                    boolean won = WON.contains(normalised);
                    boolean lost = LOST.contains(normalised);
                    Boolean wonFlag = won || lost ? Boolean.valueOf(won) : null;
                    Double probability = won ? Double.valueOf(1.0) : lost ? Double.valueOf(0.0) : null;
                    stages.add(new DealPipeline.Stage(label.getKey(), text, won || lost, wonFlag, probability));
                });
            }
        }
        return new DealPipeline(deals.boardId(), deals.boardName(), stages);
    }

    private static JsonNode labels(String settings) {
        try {
            return JSON.readTree(settings).path("labels");
        } catch (JsonProcessingException unreadable) {
            return JSON.createObjectNode();
        }
    }
}

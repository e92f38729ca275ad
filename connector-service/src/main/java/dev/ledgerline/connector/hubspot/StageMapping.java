package dev.ledgerline.connector.hubspot;

import dev.ledgerline.wire.StageCategory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's mapping of HubSpot deal stages (pipeline + stage id) to stage categories and probabilities. The
 * default is derived from HubSpot's own stage metadata, never from labels; users edit it for their custom pipelines.
 * It also knows the pipelines' labels as HubSpot's pipelines read names them, for deals that have no stage.
 */
public final class StageMapping {

    /** The id of HubSpot's built-in pipeline, where HubSpot puts a deal created without a pipeline. */
    public static final String DEFAULT_PIPELINE = "default";

    /** How one stage counts, with the labels HubSpot shows for it. */
    public record Stage(String pipelineLabel, String stageLabel, StageCategory category, Double probability) {
    }

    private record Key(String pipelineId, String stageId) {
    }

    private final Map<Key, Stage> stages;
    private final Map<String, String> pipelineLabels;

    private StageMapping(Map<Key, Stage> stages, Map<String, String> pipelineLabels) {
        this.stages = Map.copyOf(stages);
        this.pipelineLabels = Map.copyOf(pipelineLabels);
    }

    /**
     * The default mapping: an open stage is OPEN with its probability; a closed stage is WON with probability 1 and
     * LOST with probability 0. A closed stage without a probability falls back on HubSpot's built-in ids
     * {@code closedwon}/{@code closedlost}, and on LOST otherwise, so that it never counts as open pipeline.
     */
    public static StageMapping derivedFrom(Iterable<DealPipeline> pipelines) {
        Map<Key, Stage> stages = new HashMap<>();
        Map<String, String> pipelineLabels = new HashMap<>();
        for (DealPipeline pipeline : pipelines) {
            if (pipeline.label() != null) {
                pipelineLabels.put(pipeline.id(), pipeline.label());
            }
            for (DealPipeline.Stage stage : pipeline.stages()) {
                StageCategory category = stage.closed() ? closedCategory(stage) : StageCategory.OPEN;
                Double probability = switch (category) {
                    case WON -> 1.0;
                    case LOST -> 0.0;
                    case OPEN -> stage.probability();
                };
                stages.put(new Key(pipeline.id(), stage.id()),
                        new Stage(pipeline.label(), stage.label(), category, probability));
            }
        }
        return new StageMapping(stages, pipelineLabels);
    }

    private static StageCategory closedCategory(DealPipeline.Stage stage) {
        if (stage.probability() != null) {
            return stage.probability() >= 1.0 ? StageCategory.WON : StageCategory.LOST;
        }
        return "closedwon".equals(stage.id()) ? StageCategory.WON : StageCategory.LOST;
    }

    /** The mapping with one stage mapped as a user decided. */
    public StageMapping with(String pipelineId, String stageId, Stage stage) {
        Map<Key, Stage> changed = new HashMap<>(stages);
        changed.put(new Key(pipelineId, stageId), stage);
        return new StageMapping(changed, pipelineLabels);
    }

    public Optional<Stage> lookup(String pipelineId, String stageId) {
        return Optional.ofNullable(stages.get(new Key(pipelineId, stageId)));
    }

    /** The pipeline's label from HubSpot's pipelines read; empty for a pipeline that read did not list. */
    public Optional<String> pipelineLabel(String pipelineId) {
        return Optional.ofNullable(pipelineLabels.get(pipelineId));
    }
}

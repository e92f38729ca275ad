package dev.ledgerline.connector.mapping;

import dev.ledgerline.wire.StageCategory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's mapping of deal stages (pipeline + stage id) to stage categories and probabilities. The default is
 * derived from the CRM's own stage metadata, never from labels; users edit it for their custom pipelines. It also
 * knows the pipelines' labels as the CRM's metadata names them, for deals that have no stage.
 */
public final class StageMapping {

    /**
     * The pipeline of deals the CRM puts in no pipeline of their own: HubSpot's built-in pipeline, where HubSpot puts
     * a deal created without one, and the one pipeline of Salesforce opportunities.
     */
    public static final String DEFAULT_PIPELINE = "default";

    /**
     * How one stage counts, with the labels the CRM shows for it.
     *
     * @param edited whether a user mapped the stage (then it wins over what the CRM says about a deal in it)
     */
    public record Stage(String pipelineLabel, String stageLabel, StageCategory category, Double probability,
                        boolean edited) {

        /** A stage as the CRM's metadata maps it. */
        public Stage(String pipelineLabel, String stageLabel, StageCategory category, Double probability) {
            this(pipelineLabel, stageLabel, category, probability, false);
        }
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
     * LOST with probability 0, as the CRM's won flag says or, without one, as its probability says (1 is won). A
     * closed stage the CRM says nothing more about is LOST, so that it never counts as open pipeline.
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
        if (stage.won() != null) {
            return stage.won() ? StageCategory.WON : StageCategory.LOST;
        }
        return stage.probability() != null && stage.probability() >= 1.0 ? StageCategory.WON : StageCategory.LOST;
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

    /** The pipeline's label from the CRM's stage metadata; empty for a pipeline the metadata did not list. */
    public Optional<String> pipelineLabel(String pipelineId) {
        return Optional.ofNullable(pipelineLabels.get(pipelineId));
    }
}

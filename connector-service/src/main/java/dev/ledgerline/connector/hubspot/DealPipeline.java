package dev.ledgerline.connector.hubspot;

import java.util.List;

/**
 * A deal pipeline with its stages, as {@code GET /crm/v3/pipelines/deals} describes it.
 *
 * @param id     pipeline id, {@code default} for HubSpot's built-in pipeline, opaque numbers for custom ones
 * @param label  the pipeline's name
 * @param stages stages in display order
 */
public record DealPipeline(String id, String label, List<Stage> stages) {

    public DealPipeline {
        stages = List.copyOf(stages);
    }

    /**
     * A pipeline stage. HubSpot sends {@code metadata.isClosed} and {@code metadata.probability} as strings.
     *
     * @param probability the stage's win probability 0..1; null when the stage has none
     */
    public record Stage(String id, String label, boolean closed, Double probability) {
    }
}

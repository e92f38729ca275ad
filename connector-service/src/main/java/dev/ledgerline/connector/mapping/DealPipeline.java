package dev.ledgerline.connector.mapping;

import java.util.List;

/**
 * A deal pipeline with its stages, as the CRM's stage metadata describes it (HubSpot's deal pipelines, Salesforce's
 * opportunity stages under one pipeline).
 *
 * @param id     pipeline id: HubSpot {@code default} or opaque numbers for custom ones, Salesforce {@code default}
 * @param label  the pipeline's name
 * @param stages stages in display order
 */
public record DealPipeline(String id, String label, List<Stage> stages) {

    public DealPipeline {
        stages = List.copyOf(stages);
    }

    /**
     * A pipeline stage.
     *
     * @param won         for a closed stage, whether the CRM says it is won (Salesforce {@code IsWon}); null when the
     *                    CRM does not say, and the probability decides
     * @param probability the stage's win probability 0..1; null when the stage has none
     */
    public record Stage(String id, String label, boolean closed, Boolean won, Double probability) {

        /** A stage whose CRM tells open from closed only (HubSpot): a closed stage's probability tells won from lost. */
        public Stage(String id, String label, boolean closed, Double probability) {
            this(id, label, closed, null, probability);
        }
    }
}

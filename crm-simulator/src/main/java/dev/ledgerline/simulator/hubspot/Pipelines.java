package dev.ledgerline.simulator.hubspot;

import dev.ledgerline.simulator.company.DealStage;
import dev.ledgerline.simulator.company.LeadStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * How HubSpot names the company's pipelines: the default deal pipeline {@code default} with its seven stages, and the
 * default lead pipeline's stages.
 */
final class Pipelines {
    static final String DEAL_PIPELINE = "default";
    static final String DEAL_PIPELINE_LABEL = "Sales Pipeline";
    static final String LEAD_PIPELINE = "lead-pipeline-id";
    /** When the portal's pipelines were set up (before any record of the company). */
    static final String CREATED = "2019-01-01T00:00:00.000Z";

    private Pipelines() {
    }

    /** A stage of the default deal pipeline: its id, its label, HubSpot's default forecast category. */
    private record Stage(String id, String label, String forecastCategory) {
    }

    private static final Map<DealStage, Stage> STAGES = new EnumMap<>(Map.of(
            DealStage.FIRST_MEETING, new Stage("appointmentscheduled", "Appointment Scheduled", "PIPELINE"),
            DealStage.QUALIFIED, new Stage("qualifiedtobuy", "Qualified To Buy", "PIPELINE"),
            DealStage.PRESENTATION, new Stage("presentationscheduled", "Presentation Scheduled", "PIPELINE"),
            DealStage.DECISION_MAKER_BOUGHT_IN, new Stage("decisionmakerboughtin", "Decision Maker Bought-In",
                    "BEST_CASE"),
            DealStage.CONTRACT_SENT, new Stage("contractsent", "Contract Sent", "COMMIT"),
            DealStage.WON, new Stage("closedwon", "Closed Won", "CLOSED"),
            DealStage.LOST, new Stage("closedlost", "Closed Lost", "OMIT")));

    static String stageId(DealStage stage) {
        return STAGES.get(stage).id();
    }

    static String label(DealStage stage) {
        return STAGES.get(stage).label();
    }

    static String forecastCategory(DealStage stage) {
        return STAGES.get(stage).forecastCategory();
    }

    static String leadStageId(LeadStatus status) {
        return switch (status) {
            case NEW -> "new-stage-id";
            case ATTEMPTING -> "attempting-stage-id";
            case CONNECTED -> "connected-stage-id";
            case QUALIFIED -> "qualified-stage-id";
            case UNQUALIFIED -> "unqualified-stage-id";
        };
    }
}

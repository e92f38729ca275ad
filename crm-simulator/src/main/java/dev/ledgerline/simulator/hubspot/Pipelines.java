package dev.ledgerline.simulator.hubspot;

import dev.ledgerline.simulator.company.DealStage;
import dev.ledgerline.simulator.company.LeadStatus;

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

    static String stageId(DealStage stage) {
        return switch (stage) {
            case FIRST_MEETING -> "appointmentscheduled";
            case QUALIFIED -> "qualifiedtobuy";
            case PRESENTATION -> "presentationscheduled";
            case DECISION_MAKER_BOUGHT_IN -> "decisionmakerboughtin";
            case CONTRACT_SENT -> "contractsent";
            case WON -> "closedwon";
            case LOST -> "closedlost";
        };
    }

    static String label(DealStage stage) {
        return switch (stage) {
            case FIRST_MEETING -> "Appointment Scheduled";
            case QUALIFIED -> "Qualified To Buy";
            case PRESENTATION -> "Presentation Scheduled";
            case DECISION_MAKER_BOUGHT_IN -> "Decision Maker Bought-In";
            case CONTRACT_SENT -> "Contract Sent";
            case WON -> "Closed Won";
            case LOST -> "Closed Lost";
        };
    }

    /** HubSpot's default forecast category of a stage. */
    static String forecastCategory(DealStage stage) {
        return switch (stage) {
            case WON -> "CLOSED";
            case LOST -> "OMIT";
            case CONTRACT_SENT -> "COMMIT";
            case DECISION_MAKER_BOUGHT_IN -> "BEST_CASE";
            default -> "PIPELINE";
        };
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

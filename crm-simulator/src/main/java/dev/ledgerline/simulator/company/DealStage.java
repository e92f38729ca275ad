package dev.ledgerline.simulator.company;

/**
 * The stages of the company's sales pipeline, in the order a deal moves through them, with the probability of
 * winning that the pipeline gives each. Each CRM package names them its own way (HubSpot's default pipeline has
 * exactly these seven).
 */
public enum DealStage {
    FIRST_MEETING(0.2),
    QUALIFIED(0.4),
    PRESENTATION(0.6),
    DECISION_MAKER_BOUGHT_IN(0.8),
    CONTRACT_SENT(0.9),
    WON(1.0),
    LOST(0.0);

    private final double probability;

    DealStage(double probability) {
        this.probability = probability;
    }

    public double probability() {
        return probability;
    }

    public boolean closed() {
        return this == WON || this == LOST;
    }

    /** The next open stage, or null from the last open stage (whose next step is won or lost). */
    DealStage nextOpen() {
        return this.ordinal() < CONTRACT_SENT.ordinal() ? values()[ordinal() + 1] : null;
    }
}

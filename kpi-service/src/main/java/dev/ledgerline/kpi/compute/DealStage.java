package dev.ledgerline.kpi.compute;

/** Normalised stage of a deal. */
public enum DealStage {
    OPEN,
    WON,
    LOST;

    public boolean isClosed() {
        return this != OPEN;
    }
}

package dev.ledgerline.simulator.company;

/** Where a deal stands: open, won or lost (DESIGN.md §5). */
public enum StageCategory {
    OPEN, WON, LOST;

    static StageCategory of(DealStage stage) {
        return switch (stage) {
            case WON -> WON;
            case LOST -> LOST;
            default -> OPEN;
        };
    }
}

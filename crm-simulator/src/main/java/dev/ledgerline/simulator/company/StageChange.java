package dev.ledgerline.simulator.company;

import java.time.Instant;

/** A deal entering a stage. */
public record StageChange(DealStage stage, Instant at) {
}

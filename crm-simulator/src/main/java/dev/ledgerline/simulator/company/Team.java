package dev.ledgerline.simulator.company;

/** A sales team that owners belong to. */
public record Team(long id, String name) {
}

package dev.ledgerline.simulator.company;

/** How far a lead got: worked from new to qualified (a deal follows) or unqualified. */
public enum LeadStatus {
    NEW, ATTEMPTING, CONNECTED, QUALIFIED, UNQUALIFIED;

    boolean open() {
        return this == NEW || this == ATTEMPTING || this == CONNECTED;
    }
}

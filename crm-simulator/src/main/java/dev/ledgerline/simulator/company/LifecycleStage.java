package dev.ledgerline.simulator.company;

/** How far a person has come with the company, in the order they get there. */
public enum LifecycleStage {
    SUBSCRIBER, LEAD, OPPORTUNITY, CUSTOMER
}

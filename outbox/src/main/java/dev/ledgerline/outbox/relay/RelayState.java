package dev.ledgerline.outbox.relay;

/** Where an instance's relay stands; {@link #ready()} is what its readiness check reports. */
public enum RelayState {
    /** Started, the first election has not answered yet. */
    ELECTING(false),
    /** Another instance holds the slot; this one takes over when it frees. Ready: it serves its REST traffic. */
    STANDBY(true),
    /** This instance holds the slot and its engine is starting or restarting: events wait. */
    STARTING(false),
    /** This instance holds the slot and its engine streams the outbox to Kafka. */
    RELAYING(true),
    /** Closed. */
    STOPPED(false);

    private final boolean ready;

    RelayState(boolean ready) {
        this.ready = ready;
    }

    public boolean ready() {
        return ready;
    }
}

package dev.ledgerline.devstack;

/** Kafka's {@code cleanup.policy} topic setting. */
public enum CleanupPolicy {
    /** Keeps the latest record per key; for topics that hold entity state. */
    COMPACT("compact"),
    /** Drops records older than the retention. */
    DELETE("delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the {@code cleanup.policy} topic config. */
    public String configValue() {
        return configValue;
    }
}

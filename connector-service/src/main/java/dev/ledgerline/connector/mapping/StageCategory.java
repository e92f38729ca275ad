package dev.ledgerline.connector.mapping;

public enum StageCategory {
    OPEN,
    WON,
    LOST
}

package dev.ledgerline.simulator.company;

/** The kinds of records a company keeps; each kind has its own id sequence, as CRMs number each object type. */
public enum Kind {
    OWNER(41_629_770),
    ACCOUNT(6_021_000_001L),
    CONTACT(101),
    DEAL(9_301_000_001L),
    PRODUCT(1_501_000_001L),
    LINE_ITEM(8_401_000_001L),
    LEAD(5_101_000_001L),
    INVOICE(7_201_000_001L),
    PAYMENT(4_601_000_001L);

    private final long firstId;

    Kind(long firstId) {
        this.firstId = firstId;
    }

    long firstId() {
        return firstId;
    }
}

package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.time.Instant;

/** Something the company sells, with its list price and unit cost in the home currency. */
public final class Product extends Entity {
    private final String name;
    private final String sku;
    private final String description;
    private final BigDecimal price;
    private final BigDecimal unitCost;
    private final boolean recurring;

    Product(long id, Instant createdAt, String name, String sku, String description, BigDecimal price,
            BigDecimal unitCost, boolean recurring) {
        super(id, createdAt);
        this.name = name;
        this.sku = sku;
        this.description = description;
        this.price = price;
        this.unitCost = unitCost;
        this.recurring = recurring;
    }

    public String name() {
        return name;
    }

    public String sku() {
        return sku;
    }

    public String description() {
        return description;
    }

    public BigDecimal price() {
        return price;
    }

    public BigDecimal unitCost() {
        return unitCost;
    }

    /** A subscription billed yearly (licences, support), as opposed to a one-off service. */
    public boolean recurring() {
        return recurring;
    }
}

package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** One product line of a deal or of an invoice (an invoice carries copies of its deal's lines). */
public final class LineItem extends Entity {
    private final long productId;
    private final String name;
    private final String sku;
    private final BigDecimal quantity;
    private final BigDecimal unitPrice;
    private final BigDecimal discountPercent;
    private final String currency;

    LineItem(long id, Instant createdAt, Product product, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal discountPercent, String currency) {
        super(id, createdAt);
        this.productId = product.id();
        this.name = product.name();
        this.sku = product.sku();
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.discountPercent = discountPercent;
        this.currency = currency;
    }

    /** A copy of a deal's line for an invoice: same product and terms, its own id. */
    LineItem copy(long id, Instant createdAt) {
        return new LineItem(id, createdAt, productId, name, sku, quantity, unitPrice, discountPercent, currency);
    }

    private LineItem(long id, Instant createdAt, long productId, String name, String sku, BigDecimal quantity,
            BigDecimal unitPrice, BigDecimal discountPercent, String currency) {
        super(id, createdAt);
        this.productId = productId;
        this.name = name;
        this.sku = sku;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.discountPercent = discountPercent;
        this.currency = currency;
    }

    public long productId() {
        return productId;
    }

    public String name() {
        return name;
    }

    public String sku() {
        return sku;
    }

    public BigDecimal quantity() {
        return quantity;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    /** Discount in percent of the list total (10 = 10 %); zero when none. */
    public BigDecimal discountPercent() {
        return discountPercent;
    }

    public String currency() {
        return currency;
    }

    /** Quantity × unit price, before the discount. */
    public BigDecimal listTotal() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }

    /** The discount as an amount, rounded to cents. */
    public BigDecimal discount() {
        return listTotal().multiply(discountPercent).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    }

    /** The net line total: list total less discount. */
    public BigDecimal amount() {
        return listTotal().subtract(discount());
    }
}

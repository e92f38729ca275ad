package dev.ledgerline.kpi.compute;

import java.util.Objects;

/** One dimension value of a tenant, e.g. (OWNER, "u-17") or (ALL, "*"): the unit KPIs are computed for. */
public record Slice(Dimension dimension, String value) {
    public static final Slice ALL = new Slice(Dimension.ALL, Dimension.ALL_VALUE);

    public Slice {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(value, "value");
    }
}

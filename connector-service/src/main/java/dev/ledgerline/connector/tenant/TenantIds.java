package dev.ledgerline.connector.tenant;

/** Tenant ids are the first part of every Kafka key, so they must never contain the '|' separator. */
public final class TenantIds {
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private TenantIds() {
    }
}

package dev.ledgerline.kpi.compute;

import java.time.LocalDate;

/** Calendar days from {@code first} to {@code last}, both inclusive, in a tenant's time zone. */
public record DayRange(LocalDate first, LocalDate last) {
    public long firstEpochDay() {
        return first.toEpochDay();
    }

    public long lastEpochDay() {
        return last.toEpochDay();
    }
}

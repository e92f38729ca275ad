package dev.ledgerline.kpi.compute;

/**
 * What the engine keeps per deal key; everything else (facts, contributions) is derived from it and the
 * tenant profile.
 *
 * @param latest the accepted version with the greatest sourceUpdatedAt (the later arrival on a tie); may
 *     be a DELETE version, kept so that older versions arriving later stay ignored
 * @param lastOpen the OPEN version with the greatest sourceUpdatedAt among all valid versions received,
 *     stale ones included; null if none was ever OPEN. It gives a closed deal its weight in the pipeline of
 *     the days it was open.
 */
public record DealState(DealVersion latest, LastOpen lastOpen) {

    /** The probability of the last OPEN version seen; {@code probability} is null when it had none. */
    public record LastOpen(long sourceUpdatedAt, Double probability) {
    }
}

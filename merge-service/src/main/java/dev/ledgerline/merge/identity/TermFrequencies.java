package dev.ledgerline.merge.identity;

/**
 * How often values occur among a tenant's indexed records of one kind, for the term-frequency adjustment: an exact
 * match on a value shared by many records (Smith, gmail.com, a switchboard number) is weaker evidence than one on a
 * rare value. A database-backed index answers from a counts table kept with its blocking keys.
 */
public interface TermFrequencies {

    /** Records that have any value for the field. */
    long records(MatchField field);

    /** Records that have this (normalised, compact) value for the field. */
    long count(MatchField field, String value);
}

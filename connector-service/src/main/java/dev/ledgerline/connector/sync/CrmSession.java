package dev.ledgerline.connector.sync;

import java.util.List;

/** One run's view of a CRM: its client (with the call counts), what it must read first, and its entities. */
public interface CrmSession {

    /**
     * Reads what normalisation needs before any entity (stage metadata and the stored mappings, the account's
     * currency …). Runs inside the run's failure handling, so a refused token here asks for consent like anywhere.
     */
    void prepare();

    /** The entities of the run in the order they are read, those the connection does not sync left out. */
    List<CrmEntity> entities();

    /** The calls the session's client made so far, 429s included. */
    ApiCallCounters counters();

    /**
     * What a failed read means: an entity the connection cannot read (missing scope, an object the account does not
     * have) is skipped and reported, refused credentials ask for consent again, anything else fails the run.
     *
     * @param entity the entity being read, or null while preparing
     */
    FailureVerdict classify(RuntimeException failure, String entity);
}

package dev.ledgerline.connector.sync;

import dev.ledgerline.connector.connection.Crm;

/**
 * What a CRM package implements so that the shared run machinery can sync its connections: a bean per CRM, found by
 * {@link #crm()}. The run ({@link EntityLoop}) opens a session per run and reads its entities one after the other;
 * cursors, publishing, counts, dead letters, leases and metrics stay in this package.
 */
public interface CrmSync {
    Crm crm();

    /**
     * The CRM client and normaliser of one run of the connection. Opening is cheap (no CRM call); the session reads
     * what it needs in {@link CrmSession#prepare()}.
     */
    CrmSession open(SyncRun run);
}

package dev.ledgerline.connector.sync;

import dev.ledgerline.connector.connection.Crm;

/** How one CRM's objects are read and normalised; the run machinery around it is shared by every CRM. */
public interface CrmSync {
    Crm crm();

    /** Syncs every entity of the connection, publishing page by page through the run. */
    void sync(SyncRun run);
}

package dev.ledgerline.connector.sync;

/**
 * The run stops before reading everything, on purpose (the share of the CRM's API budget it may spend is used up):
 * it ends INCOMPLETE with the reason, its cursors stay where the acknowledged pages left them, and the next run goes
 * on from there. Not a failure, and not a success that hides skipped data.
 */
public class RunStopped extends RuntimeException {
    public RunStopped(String reason) {
        super(reason);
    }
}

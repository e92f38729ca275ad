package dev.ledgerline.connector.hubspot;

/**
 * HubSpot answered 429 with the DAILY policy: no retry within the run can succeed. The caller ends the run with this
 * reason and keeps the cursors stored so far; the next scheduled run continues from them.
 */
public class DailyLimitReached extends HubSpotException {

    DailyLimitReached(String context, HubSpotError error) {
        super(context, error);
    }
}

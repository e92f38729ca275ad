package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.mapping.LeadStatusMapping;
import dev.ledgerline.connector.mapping.StageMapping;
import java.time.ZoneId;

/**
 * What normalisation needs to know about a connection.
 *
 * @param tenantId       the tenant the connection belongs to
 * @param connectionId   the connection
 * @param portalCurrency the HubSpot portal's company currency: the currency of amounts without their own, and of
 *                       {@code amount_in_home_currency}
 * @param timeZone       the tenant's time zone, in which date-times become calendar dates (expected close date)
 * @param stages         the connection's stage mapping
 * @param leadStatuses   the connection's lead status mapping
 */
public record NormalizationSettings(String tenantId, String connectionId, String portalCurrency, ZoneId timeZone,
                                    StageMapping stages, LeadStatusMapping leadStatuses) {
}

package dev.ledgerline.connector.hubspot;

import java.util.List;

/**
 * A read of every object of one type through the list endpoint (first sync, and archived objects for deletions).
 *
 * @param type         the object type
 * @param properties   properties to return; HubSpot returns only a few defaults otherwise
 * @param associations object types whose associated ids to return, e.g. contacts, companies, line_items
 * @param archived     true to read only archived objects
 * @param after        paging token to resume from; null to start at the beginning
 */
public record ListQuery(HubSpotObjectType type, List<String> properties, List<String> associations, boolean archived,
                        String after) {

    public ListQuery {
        properties = List.copyOf(properties);
        associations = List.copyOf(associations);
    }
}

package dev.ledgerline.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of HubSpot objects as HubSpot sent them (each with {@code id}, {@code properties}, {@code createdAt},
 * {@code updatedAt}, {@code archived} and, from list endpoints, {@code associations}).
 *
 * @param results   the objects of the page, in HubSpot's order
 * @param nextAfter HubSpot's paging token for the page after this one; null on the last page. A full sync stores it
 *                  to resume a list; incremental search resumes from a {@link SearchPosition} instead.
 */
public record ObjectPage(List<JsonNode> results, String nextAfter) {
}

package dev.ledgerline.connector.hubspot;

/**
 * A HubSpot object that could not be normalised; the caller puts it on {@code crm.<entity>.v1.dlq} and counts it.
 *
 * @param entity     the canonical entity it was meant to become, e.g. {@code deal}
 * @param externalId the object's HubSpot id; null when it had none
 * @param reason     what exactly was wrong, naming the property and value
 * @param rawJson    the object as HubSpot sent it
 */
public record Rejection(String entity, String externalId, String reason, String rawJson) {
}

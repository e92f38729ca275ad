package dev.ledgerline.connector.sync;

/**
 * A CRM object that could not be normalised; the run puts it on {@code crm.<entity>.v1.dlq} and counts it.
 *
 * @param entity     the canonical entity it was meant to become, e.g. {@code deal}
 * @param externalId the object's id in the CRM; null when it had none
 * @param reason     what exactly was wrong, naming the property and value
 * @param rawJson    the object as the CRM sent it
 */
public record Rejection(String entity, String externalId, String reason, String rawJson) {
}

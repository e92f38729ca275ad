package dev.ledgerline.merge.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** REST bodies of the review queue. */
public final class ReviewViews {
    private ReviewViews() {
    }

    /** One item in the list. */
    public record Summary(String id, String state, String reason, SourceRecord record, int candidates,
            Double bestWeight, Instant createdAt, Instant decidedAt) {
    }

    /** One item with its candidates and their explained scores. */
    public record Item(String id, String state, String reason, SourceRecord record, String linkedCustomerId,
            JsonNode candidates, Instant createdAt, Instant decidedAt) {
    }

    /** The CRM record under review. */
    public record SourceRecord(String connectionId, String source, String entityType, String externalId,
            JsonNode fields) {
    }

    /** The answer to a decision: the item's new state and the customer it now belongs to. */
    public record Decided(String id, String state, String customerId) {
    }

    /** Body of POST /reviews/{id}/merge. */
    public record MergeRequest(String customerId) {
    }
}

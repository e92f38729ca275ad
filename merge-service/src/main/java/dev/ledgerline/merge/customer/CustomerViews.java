package dev.ledgerline.merge.customer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** REST bodies of the customers API. */
public final class CustomerViews {
    private CustomerViews() {
    }

    public record Summary(String id, String kind, String displayName, String email, int sourceLinks,
            Instant updatedAt) {
    }

    public record Detail(String id, String kind, String displayName, String email, String mergedIntoCustomerId,
            List<Link> sourceLinks, Instant createdAt, Instant updatedAt) {
    }

    /** One source link and why it was made: the rule, and for a score its weight and explanation. */
    public record Link(long id, String connectionId, String source, String entityType, String externalId,
            String decision, String rule, Double weight, JsonNode explanation, String decidedBy, Instant linkedAt) {
    }

    /** Body of POST /customers/{id}/merge: the customer that absorbs this one. */
    public record MergeRequest(String intoCustomerId) {
    }
}

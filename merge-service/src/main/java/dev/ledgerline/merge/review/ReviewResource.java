package dev.ledgerline.merge.review;

import dev.ledgerline.merge.rest.Paging;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Caller;
import dev.ledgerline.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Locale;

/**
 * The review queue (DESIGN.md §8): list, one item (viewer); merge into a customer, create a customer, dismiss
 * (reviewer), each recorded as decided by the bearer token's subject.
 */
@Path("/api/tenants/{tenant}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
public class ReviewResource {
    private final Reviews reviews;
    private final Caller caller;

    ReviewResource(Reviews reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @GET
    public Paging.Page<ReviewViews.Summary> list(@PathParam("tenant") String tenant,
            @QueryParam("state") String state, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return reviews.list(tenant, state(state), Paging.of(page, size));
    }

    @GET
    @Path("/{id}")
    public ReviewViews.Item get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return reviews.get(tenant, id);
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.REVIEWER)
    public ReviewViews.Decided merge(@PathParam("tenant") String tenant, @PathParam("id") String id,
            ReviewViews.MergeRequest request) {
        if (request == null) {
            throw ProblemException.badField("customerId", "names the customer to merge the record into; required");
        }
        return reviews.merge(tenant, id, request.customerId(), caller.subject());
    }

    @POST
    @Path("/{id}/create-customer")
    @Allowed(Role.REVIEWER)
    public ReviewViews.Decided createCustomer(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return reviews.createCustomer(tenant, id, caller.subject());
    }

    @POST
    @Path("/{id}/dismiss")
    @Allowed(Role.REVIEWER)
    public ReviewViews.Decided dismiss(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return reviews.dismiss(tenant, id, caller.subject());
    }

    private static ReviewState state(String state) {
        if (state == null) {
            return ReviewState.OPEN;
        }
        try {
            return ReviewState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("state", "must be one of " + Arrays.toString(ReviewState.values()));
        }
    }
}

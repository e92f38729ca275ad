package dev.ledgerline.merge.review;

import dev.ledgerline.merge.rest.Actor;
import dev.ledgerline.merge.rest.Paging;
import dev.ledgerline.rest.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Locale;

/** The review queue (DESIGN.md §8): list, one item, merge into a customer, create a customer, dismiss. */
@Path("/api/tenants/{tenant}/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {
    private final Reviews reviews;

    ReviewResource(Reviews reviews) {
        this.reviews = reviews;
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
    public ReviewViews.Decided merge(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @HeaderParam(Actor.HEADER) String user, ReviewViews.MergeRequest request) {
        String actor = Actor.of(user);
        if (request == null) {
            throw ProblemException.badField("customerId", "names the customer to merge the record into; required");
        }
        return reviews.merge(tenant, id, request.customerId(), actor);
    }

    @POST
    @Path("/{id}/create-customer")
    public ReviewViews.Decided createCustomer(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @HeaderParam(Actor.HEADER) String user) {
        return reviews.createCustomer(tenant, id, Actor.of(user));
    }

    @POST
    @Path("/{id}/dismiss")
    public ReviewViews.Decided dismiss(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @HeaderParam(Actor.HEADER) String user) {
        return reviews.dismiss(tenant, id, Actor.of(user));
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

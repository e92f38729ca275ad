package dev.ledgerline.merge.customer;

import dev.ledgerline.merge.rest.Actor;
import dev.ledgerline.merge.rest.Paging;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Customers (DESIGN.md §8): search, one customer with every source link and why, merge two, split a link off. */
@Path("/api/tenants/{tenant}/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    private final Customers customers;

    CustomerResource(Customers customers) {
        this.customers = customers;
    }

    @GET
    public Paging.Page<CustomerViews.Summary> list(@PathParam("tenant") String tenant, @QueryParam("q") String search,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return customers.list(tenant, search, Paging.of(page, size));
    }

    @GET
    @Path("/{id}")
    public CustomerViews.Detail get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return customers.get(tenant, id);
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public CustomerViews.Detail merge(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @HeaderParam(Actor.HEADER) String user, CustomerViews.MergeRequest request) {
        String actor = Actor.of(user);
        return customers.merge(tenant, id, request == null ? null : request.intoCustomerId(), actor);
    }

    @POST
    @Path("/{id}/links/{linkId}/split")
    public CustomerViews.Detail split(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @PathParam("linkId") long linkId, @HeaderParam(Actor.HEADER) String user) {
        return customers.split(tenant, id, linkId, Actor.of(user));
    }
}

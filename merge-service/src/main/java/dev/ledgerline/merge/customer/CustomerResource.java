package dev.ledgerline.merge.customer;

import dev.ledgerline.merge.rest.Paging;
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

/**
 * Customers (DESIGN.md §8): search, one customer with every source link and why (viewer); merge two, split a link
 * off (reviewer, recorded as decided by the bearer token's subject).
 */
@Path("/api/tenants/{tenant}/customers")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
public class CustomerResource {
    private final Customers customers;
    private final Caller caller;

    CustomerResource(Customers customers, Caller caller) {
        this.customers = customers;
        this.caller = caller;
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
    @Allowed(Role.REVIEWER)
    public CustomerViews.Detail merge(@PathParam("tenant") String tenant, @PathParam("id") String id,
            CustomerViews.MergeRequest request) {
        return customers.merge(tenant, id, request == null ? null : request.intoCustomerId(), caller.subject());
    }

    @POST
    @Path("/{id}/links/{linkId}/split")
    @Allowed(Role.REVIEWER)
    public CustomerViews.Detail split(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @PathParam("linkId") long linkId) {
        return customers.split(tenant, id, linkId, caller.subject());
    }
}

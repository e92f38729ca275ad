package dev.ledgerline.kpi.rest;

import dev.ledgerline.kpi.compute.Dimension;
import dev.ledgerline.kpi.compute.KpiId;
import dev.ledgerline.kpi.compute.Window;
import dev.ledgerline.rest.problem.ProblemException;
import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The KPI queries of DESIGN.md section 8 and the tenant's owners (the names of the OWNER dimension values).
 * Parameters are checked here (400 naming the parameter), then {@link KpiRouter} decides whether this
 * instance answers ({@link KpiQueries}) or the request goes to the instance owning the tenant
 * ({@link RequestForwarder}).
 */
@Path("/api/tenants/{tenant}")
@Allowed(Role.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class KpiResource {

    @Inject
    KpiQueries queries;

    @Inject
    KpiRouter router;

    @Inject
    RequestForwarder forwarder;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    @Path("/kpis")
    public Response kpis(@PathParam("tenant") String tenant, @QueryParam("asOf") String asOf,
            @QueryParam("window") String window, @QueryParam("dimension") String dimension,
            @HeaderParam(RequestForwarder.FORWARDED_HEADER) String forwardedBy) {
        var day = date("asOf", asOf);
        var win = parse(Window.class, "window", window, Window.P30D);
        var dim = parse(Dimension.class, "dimension", dimension, Dimension.ALL);
        return answer(tenant, forwardedBy, () -> queries.slice(tenant, win, dim, day));
    }

    @GET
    @Path("/kpis/{kpi}/series")
    public Response series(@PathParam("tenant") String tenant, @PathParam("kpi") String kpi,
            @QueryParam("window") String window, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("dimension") String dimension,
            @HeaderParam(RequestForwarder.FORWARDED_HEADER) String forwardedBy) {
        var id = parse(KpiId.class, "kpi", kpi, null);
        var win = parse(Window.class, "window", window, Window.MONTH);
        var dim = parse(Dimension.class, "dimension", dimension, Dimension.ALL);
        var first = date("from", from);
        var last = date("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw ProblemException.badField("from", "must not be after to (" + last + ")");
        }
        return answer(tenant, forwardedBy, () -> queries.series(tenant, id, win, dim, first, last));
    }

    /** The tenant's owners from crm.owners.v1, answered by the instance holding the tenant like the KPIs. */
    @GET
    @Path("/owners")
    public Response owners(@PathParam("tenant") String tenant,
            @HeaderParam(RequestForwarder.FORWARDED_HEADER) String forwardedBy) {
        return answer(tenant, forwardedBy, () -> queries.owners(tenant));
    }

    private Response answer(String tenant, String forwardedBy, Supplier<Object> local) {
        var route = router.route(tenant, forwardedBy != null);
        if (route instanceof Route.Remote remote) {
            return forwarder.forward(remote.host(), uriInfo.getRequestUri(),
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        }
        if (route instanceof Route.Unavailable unavailable) {
            throw ProblemException.unavailable(unavailable.reason(), RequestForwarder.RETRY_AFTER_SECONDS);
        }
        return Response.ok(local.get(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(name, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String text, E fallback) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                throw ProblemException.badField(name, "is required");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(name, "'" + text + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}

package dev.ledgerline.security;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/**} call, after routing and before its body is read: a valid bearer token (401 otherwise), for the
 * tenant of the path (the same 404 as for an unknown tenant otherwise: whether another tenant exists is nobody's
 * business), with a role that grants the operation's {@link Allowed} role (403 otherwise). Paths outside {@code /api}
 * (health, metrics, OpenAPI, webhooks, the OAuth callback, static pages) are not looked at.
 */
public class ApiAccessFilter {
    private static final Logger LOG = Logger.getLogger(ApiAccessFilter.class);
    static final String API_PREFIX = "/api/";
    static final String TENANT_PATH_PARAMETER = "tenant";

    private final CurrentIdentityAssociation identities;
    private final Caller caller;
    private final String tenantClaim;

    ApiAccessFilter(CurrentIdentityAssociation identities, Caller caller,
            @ConfigProperty(name = "ledgerline.security.tenant-claim") String tenantClaim) {
        this.identities = identities;
        this.caller = caller;
        this.tenantClaim = tenantClaim;
    }

    @ServerRequestFilter
    public Uni<Response> authorize(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith(API_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, request, resource))
                .onFailure(failure -> failure instanceof AuthenticationException)
                .recoverWithItem(() -> AccessProblems.unauthorized("The bearer token is invalid or has expired"));
    }

    /** Null to let the call through. */
    private Response decide(SecurityIdentity identity, ContainerRequestContext request, ResourceInfo resource) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return AccessProblems.unauthorized("This API needs a bearer token");
        }
        if (token.getSubject() == null || token.getSubject().isBlank()) {
            return AccessProblems.unauthorized("The bearer token names no subject");
        }
        String tokenTenant = stringClaim(token, tenantClaim);
        if (tokenTenant == null) {
            return AccessProblems.forbidden("The bearer token names no tenant (claim '" + tenantClaim + "')");
        }
        String pathTenant = request.getUriInfo().getPathParameters().getFirst(TENANT_PATH_PARAMETER);
        if (pathTenant != null && !pathTenant.equals(tokenTenant)) {
            return AccessProblems.unknownTenant(pathTenant);
        }
        Allowed allowed = allowedOf(resource.getResourceMethod(), resource.getResourceClass());
        if (allowed == null) {
            LOG.warnf("%s %s has no @Allowed role: refused to everybody", request.getMethod(),
                    request.getUriInfo().getPath());
            return AccessProblems.forbidden("No role grants this operation");
        }
        if (!allowed.value().isGrantedBy(identity.getRoles())) {
            return AccessProblems.forbidden("This operation needs the role " + allowed.value().claimValue());
        }
        caller.verified(token.getSubject());
        return null;
    }

    private static Allowed allowedOf(Method method, Class<?> resourceClass) {
        Allowed onMethod = method == null ? null : method.getAnnotation(Allowed.class);
        return onMethod != null || resourceClass == null ? onMethod : resourceClass.getAnnotation(Allowed.class);
    }

    private static String stringClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString json) {
            value = json.getString();
        }
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}

package dev.ledgerline.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Security exceptions raised past the filter (an identity asked for by a resource) as problem bodies, not 500s. */
public class AuthenticationFailures {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return AccessProblems.unauthorized("The bearer token is missing, invalid or has expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return AccessProblems.forbidden("The bearer token does not grant this operation");
    }
}

package dev.ledgerline.security;

import dev.ledgerline.rest.problem.Problem;
import dev.ledgerline.rest.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The problem bodies of refused API calls. */
final class AccessProblems {
    private AccessProblems() {
    }

    /** 401 with the challenge RFC 6750 asks for. */
    static Response unauthorized(String detail) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE).entity(Problem.of(401, "Unauthorized", detail)).build();
    }

    static Response forbidden(String detail) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(Problem.of(403, "Forbidden", detail)).build();
    }

    /** Exactly what a service answers for a tenant it does not know, so that a refusal tells nothing of existence. */
    static Response unknownTenant(String tenant) {
        Problem problem = ProblemException.notFound("Tenant " + tenant).problem();
        return Response.status(404).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

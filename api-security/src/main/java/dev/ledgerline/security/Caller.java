package dev.ledgerline.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who calls the API in this request, as the {@link ApiAccessFilter} verified it from the bearer token: what a decision
 * records as "who", never a value the request body or a header claims.
 */
@RequestScoped
public class Caller {
    private String subject;
    private String tenant;

    void verified(String subject, String tenant) {
        this.subject = subject;
        this.tenant = tenant;
    }

    /** The token's {@code sub} claim. */
    public String subject() {
        if (subject == null) {
            throw new IllegalStateException("No verified caller in this request: is the resource under /api?");
        }
        return subject;
    }

    /** The tenant the token is for. */
    public String tenant() {
        return tenant;
    }
}

package dev.ledgerline.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who calls the API in this request, as the {@link ApiAccessFilter} verified it from the bearer token: what a decision
 * records as "who", never a value the request body or a header claims. (The tenant needs no holder: the filter lets
 * a call through only when the token's tenant is the path's.)
 */
@RequestScoped
public class Caller {
    private String subject;

    void verified(String subject) {
        this.subject = subject;
    }

    /** The token's {@code sub} claim. */
    public String subject() {
        if (subject == null) {
            throw new IllegalStateException("No verified caller in this request: is the resource under /api?");
        }
        return subject;
    }
}

package dev.ledgerline.merge.rest;

import dev.ledgerline.rest.problem.ProblemException;

/**
 * Who makes a decision, until authentication exists: the {@code X-Ledgerline-User} request header, required on every
 * decision so that the audit trail never records an anonymous one.
 */
public final class Actor {
    public static final String HEADER = "X-Ledgerline-User";

    private Actor() {
    }

    public static String of(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.badField(HEADER, "names the user who decides; required");
        }
        if (header.length() > 200) {
            throw ProblemException.badField(HEADER, "must be at most 200 characters");
        }
        return header.trim();
    }
}

package dev.ledgerline.connector.problem;

import java.util.List;

/** Thrown by services for a request that cannot be served; mapped to its problem body. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public static ProblemException badField(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Invalid request", 400, field + ": " + message,
                List.of(new Problem.Violation(field, message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not found", what + " does not exist"));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    public Problem problem() {
        return problem;
    }
}

package dev.ledgerline.rest.problem;

import java.util.List;
import java.util.OptionalLong;

/** Thrown by services for a request that cannot be served; mapped to its problem body. */
public class ProblemException extends RuntimeException {
    private final Problem problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Long retryAfterSeconds) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
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

    /** 503 with a {@code Retry-After} header: the service cannot answer now but will soon. */
    public static ProblemException unavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(503, "Service unavailable", detail), retryAfterSeconds);
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for the {@code Retry-After} header, when the client should retry. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}

package dev.ledgerline.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem body: what every 4xx/5xx of the API carries, never a stack trace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    /** One invalid input: the field as the client named it (a JSON path such as {@code settings.timeZone}). */
    public record Violation(String field, String message) {
    }
}

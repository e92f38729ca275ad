package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.http.HttpProblem;
import dev.ledgerline.simulator.http.Response;
import java.util.UUID;

/** HubSpot's error answers: {@code status}, {@code message}, {@code correlationId}, {@code category}. */
final class HubSpotErrors {
    static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    static final String OBJECT_NOT_FOUND = "OBJECT_NOT_FOUND";

    private HubSpotErrors() {
    }

    static ObjectNode body(String category, String message) {
        return JsonNodeFactory.instance.objectNode().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
    }

    static Response error(int status, String category, String message) {
        return Response.json(status, body(category, message));
    }

    /** A 400 for a request HubSpot would refuse, to be thrown from anywhere in a handler. */
    static HttpProblem invalid(String message) {
        return new HttpProblem(error(400, VALIDATION_ERROR, message));
    }

    static HttpProblem notFound(String message) {
        return new HttpProblem(error(404, OBJECT_NOT_FOUND, message));
    }
}

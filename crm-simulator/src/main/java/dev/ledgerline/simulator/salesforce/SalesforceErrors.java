package dev.ledgerline.simulator.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ledgerline.simulator.http.HttpProblem;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.hubspot.Credentials;

/** Salesforce's REST error shape: a JSON array of {@code {message, errorCode}}. */
final class SalesforceErrors {
    /** A missing, unknown or expired access token: Salesforce says the same for each. */
    static final Credentials.Rejections SESSION = new Credentials.Rejections() {
        @Override
        public HttpProblem missing() {
            return invalidSession();
        }

        @Override
        public HttpProblem invalid() {
            return invalidSession();
        }

        @Override
        public HttpProblem expired(long minutesAgo) {
            return invalidSession();
        }
    };

    private SalesforceErrors() {
    }

    static Response error(int status, String errorCode, String message) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        body.addObject().put("message", message).put("errorCode", errorCode);
        return Response.json(status, body);
    }

    private static HttpProblem invalidSession() {
        return new HttpProblem(error(401, "INVALID_SESSION_ID", "Session expired or invalid"));
    }
}

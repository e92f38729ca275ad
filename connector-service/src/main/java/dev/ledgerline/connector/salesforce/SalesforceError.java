package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * An error answer of the Salesforce REST API: a JSON array of {@code {"message": …, "errorCode": …}} (REST and Bulk
 * API 2.0 alike), of which the first names the fault. A body that is not such an array (an HTML error page) keeps
 * only its status.
 */
record SalesforceError(int status, String errorCode, String message) {
    static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    static final String QUERY_TIMEOUT = "QUERY_TIMEOUT";
    private static final int MAX_MESSAGE = 300;

    static SalesforceError parse(int status, String body, ObjectMapper json) {
        try {
            JsonNode errors = json.readTree(body);
            JsonNode first = errors != null && errors.isArray() && !errors.isEmpty() ? errors.get(0) : errors;
            if (first != null && first.isObject()) {
                String message = first.path("message").asText(null);
                return new SalesforceError(status, first.path("errorCode").asText(null),
                        message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE));
            }
        } catch (IOException notJson) {
            // An HTML error page says nothing worth keeping.
        }
        return new SalesforceError(status, null, null);
    }
}

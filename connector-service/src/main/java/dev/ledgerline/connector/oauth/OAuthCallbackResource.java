package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.ConnectionDtos;
import dev.ledgerline.connector.connection.ConnectionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** {@code GET /oauth/callback}: where the CRM sends the user back after consent. */
@Path("/oauth/callback")
public class OAuthCallbackResource {
    private final ConnectionService connections;

    OAuthCallbackResource(ConnectionService connections) {
        this.connections = connections;
    }

    @GET
    public ConnectionDtos.Connection callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        return connections.completeConsent(state, code, error);
    }
}

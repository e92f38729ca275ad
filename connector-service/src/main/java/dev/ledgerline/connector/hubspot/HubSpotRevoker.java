package dev.ledgerline.connector.hubspot;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.connector.oauth.TokenRevocation;
import dev.ledgerline.connector.oauth.TokenRevoker;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * HubSpot's {@code DELETE /oauth/v1/refresh-tokens/{token}}, next to the connection's token URL (so a sandbox or
 * test override of the token URL moves it too). A 404 means HubSpot no longer knows the token (revoked before, or the
 * app was uninstalled).
 */
@ApplicationScoped
public class HubSpotRevoker implements TokenRevoker {

    @Override
    public Crm crm() {
        return Crm.HUBSPOT;
    }

    @Override
    public HttpRequest request(ConnectionEntity connection, String refreshToken) {
        URI uri = URI.create(connection.tokenUrl)
                .resolve("refresh-tokens/" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(TokenRevocation.RETRIES.attemptTimeout()).DELETE().build();
    }

    @Override
    public boolean gone(int status, String body) {
        return status / 100 == 2 || status == 404;
    }
}

package dev.ledgerline.connector.salesforce;

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
 * Salesforce's {@code POST /services/oauth2/revoke} ({@code token=…}, form-encoded) on the connection's login host,
 * beside its token URL (a sandbox's own login host, or a test's, moves it too). Revoking the refresh token revokes
 * its access tokens as well. Salesforce answers 200, or 400 {@code invalid_token} for a token it no longer knows.
 */
@ApplicationScoped
public class SalesforceRevoker implements TokenRevoker {

    @Override
    public Crm crm() {
        return Crm.SALESFORCE;
    }

    @Override
    public HttpRequest request(ConnectionEntity connection, String refreshToken) {
        return HttpRequest.newBuilder(URI.create(connection.tokenUrl).resolve("revoke"))
                .timeout(TokenRevocation.RETRIES.attemptTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(refreshToken,
                        StandardCharsets.UTF_8)))
                .build();
    }

    @Override
    public boolean gone(int status, String body) {
        return status == 200 || (status == 400 && body != null && body.contains("invalid_token"));
    }
}

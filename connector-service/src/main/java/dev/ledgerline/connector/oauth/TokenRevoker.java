package dev.ledgerline.connector.oauth;

import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.Crm;
import java.net.http.HttpRequest;

/**
 * How a CRM revokes a refresh token, for a CRM that has an API for it: a bean per CRM, used by
 * {@link TokenRevocation} on disconnect, which retries and reports. The request holds the token: it is never logged.
 */
public interface TokenRevoker {
    Crm crm();

    /** The request that revokes the connection's refresh token at the CRM. */
    HttpRequest request(ConnectionEntity connection, String refreshToken);

    /** Whether the CRM's answer means the token no longer works: revoked now, or unknown to the CRM already. */
    boolean gone(int status, String body);
}

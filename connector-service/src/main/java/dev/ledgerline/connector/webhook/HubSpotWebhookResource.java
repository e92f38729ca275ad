package dev.ledgerline.connector.webhook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /webhooks/hubspot/{connectionId}}: HubSpot's event batches for one connection. The signature is checked
 * against the URI as HubSpot called it; behind a proxy set {@code quarkus.http.proxy.proxy-address-forwarding} (and
 * {@code enable-forwarded-host}) so that the absolute request URI is the public one.
 */
@Path("/webhooks/hubspot/{connectionId}")
public class HubSpotWebhookResource {
    private final HubSpotWebhookService webhooks;

    HubSpotWebhookResource(HubSpotWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public HubSpotWebhookService.Accepted receive(@PathParam("connectionId") String connectionId,
            @HeaderParam("X-HubSpot-Signature-v3") String signature,
            @HeaderParam("X-HubSpot-Request-Timestamp") String timestamp, @Context UriInfo uri, String body) {
        return webhooks.receive(connectionId, uri.getRequestUri().toString(), body == null ? "" : body, timestamp,
                signature);
    }
}

package dev.ledgerline.kpi.rest;

import dev.ledgerline.rest.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

/**
 * Sends a GET to the instance that owns the tenant, with {@link #FORWARDED_HEADER} so that it answers itself and the
 * caller's bearer token so that it checks the caller as this instance did, and relays its status, content type,
 * Retry-After and body unchanged.
 */
public final class RequestForwarder {
    /** Marks a forwarded request; its value is the forwarding instance's application.server. */
    public static final String FORWARDED_HEADER = "X-Ledgerline-Forwarded-By";
    static final long RETRY_AFTER_SECONDS = 1;
    private static final Logger LOG = Logger.getLogger(RequestForwarder.class);

    private final HttpClient http;
    private final Duration timeout;
    private final String selfName;

    public RequestForwarder(Duration timeout, String selfName) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.selfName = selfName;
    }

    /** Forwards the request with this path, raw query and {@code Authorization} header to {@code owner}. */
    public Response forward(HostInfo owner, URI requestUri, String authorization) {
        var target = URI.create("http://" + owner.host() + ":" + owner.port() + requestUri.getRawPath()
                + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery()));
        var request = HttpRequest.newBuilder(target).timeout(timeout).GET()
                .header("Accept", "application/json, application/problem+json")
                .header(FORWARDED_HEADER, selfName)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            var relayed = Response.status(response.statusCode()).entity(response.body());
            response.headers().firstValue("Content-Type").ifPresent(type -> relayed.header("Content-Type", type));
            response.headers().firstValue("Retry-After").ifPresent(value -> relayed.header("Retry-After", value));
            return relayed.build();
        } catch (IOException e) {
            LOG.warnf("Forwarding to %s failed: %s", target, e.toString());
            throw ProblemException.unavailable("The instance owning this tenant (" + owner.host() + ":" + owner.port()
                    + ") did not answer", RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while forwarding", RETRY_AFTER_SECONDS);
        }
    }
}

package dev.ledgerline.kpi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ledgerline.rest.problem.ProblemException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A WireMock "other instance" receives the forwarded request; its answer is relayed unchanged. */
class RequestForwarderTest {
    private WireMockServer other;
    // Generous: the first request to a fresh WireMock on a loaded build machine took more than 2 s.
    private final RequestForwarder forwarder = new RequestForwarder(Duration.ofSeconds(10), "kpi-a:8084");

    @BeforeEach
    void start() {
        other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        other.start();
    }

    @AfterEach
    void stop() {
        other.stop();
    }

    private static final String BEARER = "Bearer caller-token";

    @Test
    void theSamePathAndQueryGoToTheOwnerMarkedAsForwardedWithTheCallersTokenAndItsAnswerIsRelayed() {
        var path = "/api/tenants/acme/kpis?asOf=2025-02-28&window=MONTH&dimension=OWNER";
        other.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[{\"kpi\":\"WIN_RATE\"}]")));

        var response = forwarder.forward(owner(), URI.create("http://kpi-a:8084" + path), BEARER);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("Content-Type")).isEqualTo("application/json");
        assertThat(new String((byte[]) response.getEntity(), StandardCharsets.UTF_8)).isEqualTo("[{\"kpi\":\"WIN_RATE\"}]");
        other.verify(getRequestedFor(urlEqualTo(path))
                .withHeader(RequestForwarder.FORWARDED_HEADER, equalTo("kpi-a:8084"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void aProblemOfTheOwnerIsRelayedWithItsStatusAndRetryAfter() {
        var path = "/api/tenants/acme/kpis/WIN_RATE/series?window=MONTH";
        other.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Service unavailable\",\"status\":503}")));

        var response = forwarder.forward(owner(), URI.create("http://kpi-a:8084" + path), BEARER);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(response.getHeaderString("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void anOwnerThatDoesNotAnswerGivesA503Problem() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> forwarder.forward(new HostInfo("127.0.0.1", closedPort),
                URI.create("http://kpi-a:8084/api/tenants/acme/kpis"), BEARER))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.retryAfterSeconds()).hasValue(1);
                });
    }

    private HostInfo owner() {
        return new HostInfo("127.0.0.1", other.port());
    }
}

package dev.ledgerline.simulator.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerline.simulator.HandClock;
import dev.ledgerline.simulator.http.HttpProblem;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Codes and tokens: signed, expiring, single-use where HubSpot's are, revocable, and valid across restarts. */
class CredentialsTest {
    private static final Credentials.OAuthApp APP = new Credentials.OAuthApp("app", "secret");
    private static final String REDIRECT = "http://localhost:8081/oauth/callback";
    private static final Instant START = Instant.parse("2026-03-15T10:00:00Z");

    @Test
    void aCodeIsSpentOnceForItsRedirectUriAndExpiresAfterTenMinutes() {
        HandClock clock = new HandClock(START);
        Credentials credentials = new Credentials(null, APP, Duration.ofMinutes(30), clock);
        String code = credentials.code(REDIRECT);
        assertThat(credentials.spendCode(code, "http://elsewhere/callback")).isFalse();
        assertThat(credentials.spendCode(code, REDIRECT)).isTrue();
        assertThat(credentials.spendCode(code, REDIRECT)).as("spent").isFalse();
        String late = credentials.code(REDIRECT);
        clock.advance(Duration.ofMinutes(11));
        assertThat(credentials.spendCode(late, REDIRECT)).isFalse();
        assertThat(credentials.spendCode(code.replace('a', 'b'), REDIRECT)).as("tampered").isFalse();
    }

    @Test
    void anAccessTokenExpiresAndIsRefusedAsExpired() {
        HandClock clock = new HandClock(START);
        Credentials credentials = new Credentials(null, APP, Duration.ofMinutes(30), clock);
        String access = credentials.accessToken(credentials.refreshToken());
        assertThat(credentials.authenticate(bearer(access)).budget()).isEqualTo("oauth:app");
        clock.advance(Duration.ofMinutes(32));
        assertThatThrownBy(() -> credentials.authenticate(bearer(access))).isInstanceOfSatisfying(HttpProblem.class,
                problem -> {
                    assertThat(problem.response().status()).isEqualTo(401);
                    assertThat(new String(problem.response().body())).contains("EXPIRED_AUTHENTICATION")
                            .contains("expired 2 minute(s) ago");
                });
    }

    @Test
    void revokingARefreshTokenRevokesItsAccessTokens() {
        Credentials credentials = new Credentials(null, APP, Duration.ofMinutes(30), new HandClock(START));
        String refresh = credentials.refreshToken();
        String access = credentials.accessToken(refresh);
        String other = credentials.accessToken(credentials.refreshToken());
        assertThat(credentials.revoke(refresh)).isTrue();
        assertThat(credentials.validRefreshToken(refresh)).isFalse();
        assertThatThrownBy(() -> credentials.authenticate(bearer(access))).isInstanceOf(HttpProblem.class);
        assertThat(credentials.authenticate(bearer(other)).budget()).isEqualTo("oauth:app");
    }

    @Test
    void tokensStayValidAfterARestartButNotForAnotherApp() {
        HandClock clock = new HandClock(START);
        String refresh = new Credentials(null, APP, Duration.ofMinutes(30), clock).refreshToken();
        Credentials restarted = new Credentials(null, APP, Duration.ofMinutes(30), clock);
        assertThat(restarted.validRefreshToken(refresh)).isTrue();
        assertThat(restarted.authenticate(bearer(restarted.accessToken(refresh))).budget()).isEqualTo("oauth:app");
        Credentials otherSecret = new Credentials(null, new Credentials.OAuthApp("app", "another secret"),
                Duration.ofMinutes(30), clock);
        assertThat(otherSecret.validRefreshToken(refresh)).isFalse();
    }

    @Test
    void thePrivateAppTokenIsAcceptedAndNothingElse() {
        Credentials credentials = new Credentials("pat-local-123456789", null, Duration.ofMinutes(30),
                new HandClock(START));
        assertThat(credentials.authenticate(bearer("pat-local-123456789")).budget()).isEqualTo("private-app");
        assertThatThrownBy(() -> credentials.authenticate(bearer("pat-local-12345678"))).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> credentials.authenticate(bearer("sim-at-forged.x"))).isInstanceOf(HttpProblem.class);
    }

    private static dev.ledgerline.simulator.http.Request bearer(String token) {
        return dev.ledgerline.simulator.http.TestRequests.withHeader("Authorization", "Bearer " + token);
    }
}

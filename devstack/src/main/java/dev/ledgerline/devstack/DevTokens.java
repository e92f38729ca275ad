package dev.ledgerline.devstack;

import dev.ledgerline.devstack.auth.SigningKeys;
import dev.ledgerline.devstack.auth.TokenMinter;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer tokens for a service's tests, signed with the test JVM's keys whose public key {@link DevstackResource} gives
 * the service: {@code given().auth().oauth2(DevTokens.issue("acme", "viewer"))}. Roles: viewer, reviewer, admin.
 */
public final class DevTokens {
    private static final Pattern TENANT_PATH = Pattern.compile("/api/tenants/([^/?#]+)");
    private static final long LIFETIME_SECONDS = Duration.ofHours(1).toSeconds();
    private static SigningKeys foreignKeys;

    private DevTokens() {
    }

    /** A valid token for a tenant with one role, subject {@code <role>@<tenant>}. */
    public static String issue(String tenant, String role) {
        return issue(tenant, role, role + "@" + tenant);
    }

    public static String issue(String tenant, String role, String subject) {
        return (String) SharedDevstack.jvmWide("token", subject, tenant, role, Long.toString(LIFETIME_SECONDS));
    }

    /** A token that expired an hour ago, otherwise valid. */
    public static String expired(String tenant, String role) {
        return (String) SharedDevstack.jvmWide("token", role + "@" + tenant, tenant, role,
                Long.toString(-LIFETIME_SECONDS));
    }

    /** A well-formed token signed by a key the services do not know. */
    public static synchronized String signedByAnotherKey(String tenant, String role) {
        if (foreignKeys == null) {
            foreignKeys = SigningKeys.generate();
        }
        return new TokenMinter(foreignKeys).issue(role + "@" + tenant, tenant, List.of(role), Duration.ofHours(1));
    }

    /** The public key the services verify with ({@code quarkus.oidc.public-key}). */
    public static String publicKey() {
        return (String) SharedDevstack.jvmWide("publicKey");
    }

    /**
     * From now on every REST Assured request of this test JVM to {@code /api/tenants/<tenant>/...} that carries no
     * {@code Authorization} header gets a token of that tenant with this role: for tests about what the API does,
     * not about who may call it (those send their own tokens, or none with {@code given().noFilters()}).
     */
    public static synchronized void sendWithEveryRequest(String role) {
        List<Filter> filters = new ArrayList<>(RestAssured.filters());
        filters.removeIf(filter -> filter instanceof TenantTokenFilter);
        filters.add(new TenantTokenFilter(role));
        RestAssured.replaceFiltersWith(filters);
    }

    /**
     * The {@code Authorization} header value for a request to {@code uri} with this role, for the tenant its
     * {@code /api/tenants/<tenant>/} path names; null when it names none.
     */
    public static String bearerFor(String uri, String role) {
        Matcher matcher = TENANT_PATH.matcher(URI.create(uri).getRawPath());
        return matcher.find()
                ? "Bearer " + issue(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8), role)
                : null;
    }

    private record TenantTokenFilter(String role) implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            String bearer = bearerFor(request.getURI(), role);
            if (bearer != null && !request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", bearer);
            }
            return context.next(request, response);
        }
    }
}

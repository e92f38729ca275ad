package dev.ledgerline.devstack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every service's API promises about who may call it, checked for every {@code /api/**} operation its own
 * {@code /q/openapi} document lists: no token, an expired one or one of an unknown key → 401; a token of another
 * tenant → 404 (the body of an unknown tenant); a role too weak for the operation → 403; the required role gets past
 * the checks. And what hostile input gets: oversized and invalid UTF-8 bodies, traversal in ids, SQL metacharacters in
 * query parameters → 4xx (never 5xx), no body echoing a stack trace. A service's test extends it as a
 * {@code @QuarkusTest} on {@link DevstackResource} and says which role each operation needs, where not the default.
 */
public abstract class ApiSecurityContract {
    public static final List<String> ROLES = List.of("viewer", "reviewer", "admin");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** Text that only a leaked stack trace or internal detail would put in a response. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at dev.ledgerline", "at io.quarkus",
            "Caused by", "org.hibernate", "org.postgresql", "SQLState", "PRIVATE KEY");

    /** The tenant whose paths the checks call; its name is this class's, so no other test's data is touched. */
    protected final String tenant = "sec-" + getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("test", "");
    private final String otherTenant = tenant + "-other";

    /** One operation of the OpenAPI document, its path parameters other than the tenant filled with unknown ids. */
    protected record Operation(String method, String template, boolean hasBody, List<String> queryParameters,
            Map<String, String> idParameters) {
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }

        public boolean writes() {
            return !method.equals("get");
        }
    }

    private final String readRole;
    private final String writeRole;

    /** The least roles the service's reads (GET) and writes need, unless {@link #requiredRole} says otherwise. */
    protected ApiSecurityContract(String readRole, String writeRole) {
        this.readRole = readRole;
        this.writeRole = writeRole;
    }

    /** The least role the operation needs. */
    protected String requiredRole(Operation operation) {
        return operation.writes() ? writeRole : readRole;
    }

    @Test
    void listsItsApiOperations() {
        assertFalse(operations().isEmpty(), "the OpenAPI document lists no /api operation");
    }

    @Test
    void withoutTokenIsUnauthorized() {
        checkEvery(operation -> expect(operation, send(operation, given().noFilters(), tenant), 401)
                .and(hasChallenge(send(operation, given().noFilters(), tenant))));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        checkEvery(operation -> expect(operation,
                send(operation, bearer(DevTokens.expired(tenant, "admin")), tenant), 401));
    }

    @Test
    void tokenOfAnUnknownKeyIsUnauthorized() {
        checkEvery(operation -> expect(operation,
                send(operation, bearer(DevTokens.signedByAnotherKey(tenant, "admin")), tenant), 401));
    }

    @Test
    void garbageTokenIsUnauthorized() {
        checkEvery(operation -> expect(operation, send(operation, bearer("not.a.jwt"), tenant), 401));
    }

    @Test
    void tokenOfAnotherTenantGetsNotFoundAsForAnUnknownTenant() {
        checkEvery(operation -> {
            Response response = send(operation, bearer(DevTokens.issue(otherTenant, "admin")), tenant);
            return expect(operation, response, 404).and(
                    ("Tenant " + tenant + " does not exist").equals(response.path("detail")) ? null
                            : operation + ": 404 body " + response.asString() + " is not that of an unknown tenant");
        });
    }

    @Test
    void tooWeakRoleIsForbidden() {
        checkEvery(operation -> {
            Check check = Check.OK;
            for (String role : ROLES.subList(0, ROLES.indexOf(requiredRole(operation)))) {
                check = check.and(expect(operation, send(operation, bearer(DevTokens.issue(tenant, role)), tenant), 403));
            }
            return check;
        });
    }

    @Test
    void requiredRoleGetsPastTheChecks() {
        checkEvery(operation -> {
            Response response = send(operation, bearer(DevTokens.issue(tenant, requiredRole(operation))), tenant);
            int status = response.statusCode();
            return status == 401 || status == 403 || status >= 500
                    ? Check.failed(operation + " with role " + requiredRole(operation) + ": " + status + " "
                            + response.asString())
                    : Check.OK;
        });
    }

    @Test
    void oversizedBodyIsRefused() {
        byte[] body = ("{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        checkEvery(operation -> !operation.hasBody() ? Check.OK
                : expectClientError(operation, send(operation, admin().contentType("application/json").body(body),
                        tenant, false), 413, 400));
    }

    @Test
    void invalidUtf8BodyIsBadRequest() {
        byte[] body = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        checkEvery(operation -> !operation.hasBody() ? Check.OK
                : expectClientError(operation, send(operation, admin().contentType("application/json").body(body),
                        tenant, false), 400));
    }

    @Test
    void traversalInIdsIsAClientError() {
        checkEvery(operation -> {
            if (operation.idParameters().isEmpty()) {
                return Check.OK;
            }
            Map<String, String> traversal = new java.util.HashMap<>();
            operation.idParameters().keySet().forEach(name -> traversal.put(name, "..%2F..%2F..%2Fq%2Fopenapi"));
            Operation hostile = new Operation(operation.method(), operation.template(), operation.hasBody(),
                    operation.queryParameters(), traversal);
            return expectClientError(hostile, send(hostile, admin(), tenant), 400, 404, 405);
        });
    }

    @Test
    void sqlMetacharactersInQueryParametersAreHarmless() {
        checkEvery(operation -> {
            if (operation.writes() || operation.queryParameters().isEmpty()) {
                return Check.OK;
            }
            RequestSpecification request = admin();
            // Sent as they are (urlEncodingEnabled(false)): encoded here.
            String hostile = URLEncoder.encode("x' OR '1'='1'; DROP TABLE x; --", StandardCharsets.UTF_8);
            operation.queryParameters().forEach(name -> request.queryParam(name, hostile));
            Response response = send(operation, request, tenant);
            int status = response.statusCode();
            return status == 200 || status == 400 || status == 404 ? noLeak(operation, response)
                    : Check.failed(operation + " with SQL metacharacters: " + status + " " + response.asString());
        });
    }

    /** Every /api operation of the service's OpenAPI document. */
    protected List<Operation> operations() {
        Map<String, Map<String, Map<String, Object>>> paths = given().noFilters().queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().path("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((template, methods) -> {
            if (!template.startsWith("/api/")) {
                return;
            }
            methods.forEach((method, operation) -> {
                if (METHODS.contains(method)) {
                    operations.add(operation(method, template, operation));
                }
            });
        });
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Operation operation(String method, String template, Map<String, Object> operation) {
        List<String> query = new ArrayList<>();
        Map<String, String> ids = new java.util.HashMap<>();
        for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
            String name = (String) parameter.get("name");
            Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
            if ("query".equals(parameter.get("in"))) {
                query.add(name);
            } else if ("path".equals(parameter.get("in")) && !name.equals("tenant")) {
                ids.put(name, unknownId(schema));
            }
        }
        Matcher matcher = PATH_PARAMETER.matcher(template);
        while (matcher.find()) {
            if (!matcher.group(1).equals("tenant")) {
                ids.putIfAbsent(matcher.group(1), "unknown");
            }
        }
        return new Operation(method, template, operation.containsKey("requestBody"), query, ids);
    }

    private static String unknownId(Map<String, Object> schema) {
        if ("uuid".equals(schema.get("format"))) {
            return UUID.randomUUID().toString();
        }
        return "integer".equals(schema.get("type")) ? "987654321" : "unknown-" + UUID.randomUUID();
    }

    private RequestSpecification admin() {
        return bearer(DevTokens.issue(tenant, "admin"));
    }

    private static RequestSpecification bearer(String token) {
        return given().noFilters().header("Authorization", "Bearer " + token);
    }

    private static Response send(Operation operation, RequestSpecification request, String tenant) {
        return send(operation, request, tenant, operation.hasBody());
    }

    private static Response send(Operation operation, RequestSpecification request, String tenant, boolean emptyBody) {
        if (emptyBody) {
            request.contentType("application/json").body("{}");
        }
        String path = operation.template().replace("{tenant}", tenant);
        for (Map.Entry<String, String> id : operation.idParameters().entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return request.urlEncodingEnabled(false).request(operation.method().toUpperCase(Locale.ROOT), path);
    }

    private static Check expect(Operation operation, Response response, int status) {
        if (response.statusCode() != status) {
            return Check.failed(operation + ": expected " + status + ", got " + response.statusCode() + " "
                    + response.asString());
        }
        if (!String.valueOf(response.contentType()).startsWith("application/problem+json")
                || !Integer.valueOf(status).equals(response.path("status"))) {
            return Check.failed(operation + ": " + status + " without its problem body: " + response.asString());
        }
        return noLeak(operation, response);
    }

    private static Check expectClientError(Operation operation, Response response, Integer... statuses) {
        return Arrays.asList(statuses).contains(response.statusCode()) ? noLeak(operation, response)
                : Check.failed(operation + ": expected one of " + Arrays.toString(statuses) + ", got "
                        + response.statusCode() + " " + response.asString());
    }

    private static Check noLeak(Operation operation, Response response) {
        String body = response.asString();
        return LEAKS.stream().filter(body::contains).findFirst()
                .map(leak -> Check.failed(operation + ": the response shows '" + leak + "': " + body))
                .orElse(Check.OK);
    }

    private static String hasChallenge(Response response) {
        String challenge = response.header("WWW-Authenticate");
        return challenge != null && challenge.startsWith("Bearer") ? null
                : "401 without a WWW-Authenticate: Bearer challenge (" + challenge + ")";
    }

    private void checkEvery(Function<Operation, Check> check) {
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations()) {
            failures.addAll(check.apply(operation).failures());
        }
        assertEquals(List.of(), failures, "operations that break the API's security contract");
    }

    /** The failures of one check, none when it passed. */
    protected record Check(List<String> failures) {
        static final Check OK = new Check(List.of());

        static Check failed(String failure) {
            return new Check(List.of(failure));
        }

        Check and(Check other) {
            List<String> all = new ArrayList<>(failures);
            all.addAll(other.failures);
            return new Check(all);
        }

        Check and(String failure) {
            return failure == null ? this : and(failed(failure));
        }
    }
}

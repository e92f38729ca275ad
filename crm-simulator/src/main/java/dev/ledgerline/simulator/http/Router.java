package dev.ledgerline.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes requests by method and path pattern to handlers, on the JDK's HTTP server. A path no route matches gets the
 * fallback's answer; a path some route matches with another method gets 405.
 */
public final class Router implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Handler fallback;

    public Router(Handler fallback) {
        this.fallback = fallback;
    }

    /** Adds a route; {@code path} is a regular expression over the whole path, its groups read by the handler. */
    public Router on(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), in.readAllBytes());
            Response response = answer(request);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.body();
            boolean noBody = body.length == 0 || "HEAD".equals(request.method());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Response answer(Request request) {
        String path = request.uri().getPath();
        boolean pathKnown = false;
        try {
            for (Route route : routes) {
                Matcher matcher = route.path().matcher(path);
                if (matcher.matches()) {
                    pathKnown = true;
                    if (route.method().equals(request.method())) {
                        request.path(matcher);
                        return route.handler().handle(request);
                    }
                }
            }
            return pathKnown ? Response.empty(405) : fallback.handle(request);
        } catch (HttpProblem problem) {
            return problem.response();
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, request.method() + " " + path + " failed", bug);
            return Response.text(500, "internal error: " + bug);
        }
    }
}

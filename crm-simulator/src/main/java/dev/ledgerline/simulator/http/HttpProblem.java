package dev.ledgerline.simulator.http;

/** Ends a request with a prepared error answer, from wherever in a handler the problem is found. */
public final class HttpProblem extends RuntimeException {
    private final transient Response response;

    public HttpProblem(Response response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }
}

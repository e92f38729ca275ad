package dev.ledgerline.simulator.http;

/** Answers one route's requests. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}

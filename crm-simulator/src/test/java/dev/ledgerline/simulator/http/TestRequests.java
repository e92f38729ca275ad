package dev.ledgerline.simulator.http;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Requests made up by tests of handlers and what they use, without a server. */
public final class TestRequests {
    private TestRequests() {
    }

    public static Request withHeader(String name, String value) {
        return new Request("GET", URI.create("/crm/v3/objects/deals"), Map.of(name, List.of(value)), new byte[0]);
    }
}

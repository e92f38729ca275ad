package dev.ledgerline.connector.oauth;

import java.util.concurrent.atomic.AtomicInteger;

/** token-1 until the CRM refuses it, then token-2, and so on; counts the refreshes. */
public final class CountingTokens implements AccessTokens {
    public final AtomicInteger refreshes = new AtomicInteger();

    @Override
    public String current() {
        return "token-" + (refreshes.get() + 1);
    }

    @Override
    public String refresh() {
        return "token-" + (refreshes.incrementAndGet() + 1);
    }
}

package dev.ledgerline.connector.salesforce;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The org's daily API usage as Salesforce reports it: every answer of the WireMock org counts one call and carries
 * {@code Sforce-Limit-Info: api-usage=USED/MAX}; a test sets the usage to bring a run near the limit.
 */
final class ApiUsage implements ResponseDefinitionTransformerV2 {
    static final long DAILY_LIMIT = 15_000;

    private final AtomicLong used = new AtomicLong(250);

    @Override
    public String getName() {
        return "salesforce-api-usage";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                .withHeader(ApiBudget.HEADER, "api-usage=" + used.incrementAndGet() + "/" + DAILY_LIMIT).build();
    }

    void set(long calls) {
        used.set(calls);
    }
}

package dev.ledgerline.connector.benchmark;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org of {@code opportunities} generated opportunities, each with one product line and one contact role,
 * as the benchmark needs it: REST {@code queryAll} pages of 2,000 with {@code nextRecordsUrl}, and Bulk API 2.0 result
 * sets (CSV, {@code Sforce-Locator}) of the opportunity, line item and contact role jobs. It counts every request
 * (the org's API usage) and reports it in {@code Sforce-Limit-Info}. The stubs in front of it decide which requests
 * it generates: those whose stub says {@code ok()} with the {@code generated} header.
 */
final class GeneratedSalesforceOrg implements ResponseDefinitionTransformerV2 {
    static final String GENERATED = "X-Generated";
    static final int REST_PAGE = 2_000;
    private static final Pattern NEXT_PAGE = Pattern.compile(".*/query/01gBENCH-(\\d+)");
    private static final Pattern RESULTS = Pattern.compile(".*/jobs/query/750Bn00000Bnch(\\w)AAA/results.*");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final int opportunities;
    private final AtomicLong requests = new AtomicLong();

    GeneratedSalesforceOrg(int opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public String getName() {
        return "generated-salesforce-org";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long used = requests.incrementAndGet();
        ResponseDefinition stubbed = event.getResponseDefinition();
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(stubbed);
        if (stubbed.getHeaders() != null && stubbed.getHeaders().getHeader(GENERATED).isPresent()) {
            response = generate(event.getRequest(), stubbed.getHeaders().getHeader(GENERATED).firstValue());
        }
        return response.withHeader("Sforce-Limit-Info", "api-usage=" + used + "/5000000").build();
    }

    long requests() {
        return requests.get();
    }

    private ResponseDefinitionBuilder generate(Request request, String what) {
        return switch (what) {
            case "rest-first" -> json(restPage(0));
            case "rest-next" -> {
                Matcher next = NEXT_PAGE.matcher(request.getUrl());
                yield json(restPage(next.matches() ? Integer.parseInt(next.group(1)) : 0));
            }
            case "bulk-results" -> bulkResults(request);
            default -> throw new IllegalArgumentException("nothing to generate for " + what);
        };
    }

    private String restPage(int from) {
        int to = Math.min(from + REST_PAGE, opportunities);
        StringBuilder json = new StringBuilder(2_600 * REST_PAGE).append("{\"totalSize\":").append(opportunities)
                .append(",\"done\":").append(to >= opportunities);
        if (to < opportunities) {
            json.append(",\"nextRecordsUrl\":\"/services/data/v62.0/query/01gBENCH-").append(to).append('"');
        }
        json.append(",\"records\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                json.append(',');
            }
            String id = id("006", i);
            String modified = stamp(START.plusSeconds(i * 7L));
            json.append("{\"attributes\":{\"type\":\"Opportunity\",\"url\":\"/services/data/v62.0/sobjects/Opportunity/")
                    .append(id).append("\"},\"Id\":\"").append(id).append("\",\"IsDeleted\":false,\"StageName\":\"")
                    .append(won(i) ? "Closed Won" : "Qualification").append("\",\"IsClosed\":").append(won(i))
                    .append(",\"IsWon\":").append(won(i)).append(",\"CreatedDate\":\"").append(stamp(START.minusSeconds(86_400L * 30 - i)))
                    .append("\",\"SystemModstamp\":\"").append(modified).append("\",\"Name\":\"Opportunity ").append(i)
                    .append("\",\"Amount\":").append(amount(i)).append(",\"CurrencyIsoCode\":\"EUR\",\"Probability\":")
                    .append(won(i) ? 100 : 20).append(",\"ForecastCategoryName\":\"Pipeline\",\"CloseDate\":\"2025-03-31\",")
                    .append("\"Type\":\"New Customer\",\"LeadSource\":\"Web\",\"OwnerId\":\"").append(id("005", i % 20))
                    .append("\",\"AccountId\":\"").append(id("001", i / 3)).append("\",\"Loss_Reason__c\":null,")
                    .append("\"OpportunityLineItems\":{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":")
                    .append("{\"type\":\"OpportunityLineItem\",\"url\":\"/services/data/v62.0/sobjects/OpportunityLineItem/")
                    .append(id("00k", i)).append("\"},\"Id\":\"").append(id("00k", i)).append("\",\"Quantity\":2.0,")
                    .append("\"UnitPrice\":").append(amount(i) / 2).append(",\"SystemModstamp\":\"").append(modified)
                    .append("\",\"Product2Id\":\"").append(id("01t", i % 50)).append("\",\"Name\":\"Product ").append(i % 50)
                    .append("\",\"ProductCode\":\"SKU-").append(i % 50).append("\",\"Discount\":null,\"TotalPrice\":")
                    .append(amount(i)).append(",\"CurrencyIsoCode\":\"EUR\"}]},")
                    .append("\"OpportunityContactRoles\":{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":")
                    .append("{\"type\":\"OpportunityContactRole\",\"url\":\"/services/data/v62.0/sobjects/OpportunityContactRole/")
                    .append(id("00K", i)).append("\"},\"Id\":\"").append(id("00K", i)).append("\",\"ContactId\":\"")
                    .append(id("003", i / 2)).append("\",\"SystemModstamp\":\"").append(modified)
                    .append("\",\"IsPrimary\":true,\"Role\":\"Decision Maker\"}]}}");
        }
        return json.append("]}").toString();
    }

    /** A set of a bulk job's results: O(pportunities), L(ine items) or C(ontact roles), from the locator. */
    private ResponseDefinitionBuilder bulkResults(Request request) {
        Matcher job = RESULTS.matcher(request.getUrl());
        if (!job.matches()) {
            throw new IllegalArgumentException("not a bulk results request: " + request.getUrl());
        }
        int size = Integer.parseInt(request.queryParameter("maxRecords").firstValue());
        int from = request.queryParameter("locator").isPresent()
                ? Integer.parseInt(request.queryParameter("locator").firstValue()) : 0;
        int to = Math.min(from + size, opportunities);
        StringBuilder csv = new StringBuilder(300 * size);
        switch (job.group(1)) {
            case "O" -> {
                csv.append("\"Id\",\"IsDeleted\",\"StageName\",\"IsClosed\",\"IsWon\",\"CreatedDate\",\"SystemModstamp\","
                        + "\"Name\",\"Amount\",\"CurrencyIsoCode\",\"Probability\",\"ForecastCategoryName\",\"CloseDate\","
                        + "\"Type\",\"LeadSource\",\"OwnerId\",\"AccountId\",\"Loss_Reason__c\"\n");
                for (int i = from; i < to; i++) {
                    csv.append(quoted(id("006", i), "false", won(i) ? "Closed Won" : "Qualification",
                            String.valueOf(won(i)), String.valueOf(won(i)), bulkStamp(START.minusSeconds(86_400L * 30 - i)),
                            bulkStamp(START.plusSeconds(i * 7L)), "Opportunity " + i, String.valueOf(amount(i)), "EUR",
                            won(i) ? "100" : "20", "Pipeline", "2025-03-31", "New Customer", "Web", id("005", i % 20),
                            id("001", i / 3), ""));
                }
            }
            case "L" -> {
                csv.append("\"Id\",\"Quantity\",\"UnitPrice\",\"SystemModstamp\",\"Product2Id\",\"Name\",\"ProductCode\","
                        + "\"Discount\",\"TotalPrice\",\"CurrencyIsoCode\",\"OpportunityId\"\n");
                for (int i = from; i < to; i++) {
                    csv.append(quoted(id("00k", i), "2", String.valueOf(amount(i) / 2), bulkStamp(START.plusSeconds(i * 7L)),
                            id("01t", i % 50), "Product " + i % 50, "SKU-" + i % 50, "", String.valueOf(amount(i)), "EUR",
                            id("006", i)));
                }
            }
            default -> {
                csv.append("\"Id\",\"ContactId\",\"SystemModstamp\",\"IsPrimary\",\"Role\",\"OpportunityId\"\n");
                for (int i = from; i < to; i++) {
                    csv.append(quoted(id("00K", i), id("003", i / 2), bulkStamp(START.plusSeconds(i * 7L)), "true",
                            "Decision Maker", id("006", i)));
                }
            }
        }
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "text/csv")
                .withHeader("Sforce-NumberOfRecords", Integer.toString(to - from))
                .withHeader("Sforce-Locator", to < opportunities ? Integer.toString(to) : "null")
                .withBody(csv.toString());
    }

    private static ResponseDefinitionBuilder json(String body) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static String quoted(String... values) {
        StringBuilder row = new StringBuilder();
        for (String value : values) {
            if (!row.isEmpty()) {
                row.append(',');
            }
            row.append('"').append(value).append('"');
        }
        return row.append('\n').toString();
    }

    private static boolean won(int i) {
        return i % 3 == 0;
    }

    private static long amount(int i) {
        return 1_000 + (i % 9_000) * 2L;
    }

    /** An 18-character Salesforce id with the object's key prefix. */
    private static String id(String prefix, int n) {
        return prefix + "Bn" + String.format("%013d", n);
    }

    private static String stamp(Instant instant) {
        return instant.toString().replace("Z", ".000+0000");
    }

    private static String bulkStamp(Instant instant) {
        return instant.toString().replace("Z", ".000Z");
    }
}

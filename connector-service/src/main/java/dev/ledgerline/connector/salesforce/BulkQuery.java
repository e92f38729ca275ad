package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jboss.logging.Logger;

/**
 * One Bulk API 2.0 query job ({@code operation: queryAll}, so deleted rows come too), read as an iterator of result
 * sets: the job is created, polled with a growing interval until {@code JobComplete}, its CSV results read set by set
 * with the {@code Sforce-Locator} header (the string {@code null} after the last set), and deleted once read, when
 * reading fails, or when the run closes it early. Result sets come in no particular order.
 */
final class BulkQuery implements Iterator<List<ObjectNode>>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BulkQuery.class);
    static final String LOCATOR = "Sforce-Locator";
    private static final String NO_MORE = "null";

    private final SalesforceClient client;
    private final String soql;
    private final Duration pollInitial;
    private final Duration pollMax;
    private final int maxRecords;
    private String jobId;
    private String locator;
    private boolean started;
    private boolean done;

    /**
     * @param maxRecords rows per result set (Salesforce's {@code maxRecords}); bounds the memory a set takes
     */
    BulkQuery(SalesforceClient client, String soql, Duration pollInitial, Duration pollMax, int maxRecords) {
        this.client = client;
        this.soql = soql;
        this.pollInitial = pollInitial;
        this.pollMax = pollMax;
        this.maxRecords = maxRecords;
    }

    @Override
    public boolean hasNext() {
        return !done;
    }

    @Override
    public List<ObjectNode> next() {
        if (done) {
            throw new NoSuchElementException();
        }
        try {
            if (!started) {
                started = true;
                jobId = client.createQueryJob(soql).path("id").asText();
                awaitCompletion();
            }
            HttpResponse<String> results = client.queryJobResults(jobId, locator, maxRecords);
            List<ObjectNode> records = CsvRecords.parse(results.body());
            String next = results.headers().firstValue(LOCATOR).map(String::trim).orElse(NO_MORE);
            locator = next.isEmpty() || NO_MORE.equals(next) ? null : next;
            if (locator == null) {
                close();
            }
            return records;
        } catch (RuntimeException failure) {
            close();
            throw failure;
        }
    }

    /** Deletes the job (once); a failure to delete is logged, as the job's results expire at Salesforce anyway. */
    @Override
    public void close() {
        done = true;
        if (jobId == null) {
            return;
        }
        String job = jobId;
        jobId = null;
        try {
            client.deleteQueryJob(job);
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete Bulk API query job %s: %s", job, e.getMessage());
        }
    }

    private void awaitCompletion() {
        Duration wait = pollInitial;
        while (true) {
            JsonNode job = client.queryJob(jobId);
            String state = job.path("state").asText();
            switch (state) {
                case "JobComplete" -> {
                    return;
                }
                case "Failed", "Aborted" -> throw new SalesforceException("Bulk API query job " + jobId + " "
                        + state + ": " + job.path("errorMessage").asText("no message"), 200, null, null);
                default -> {
                    client.sleep(wait);
                    wait = wait.multipliedBy(2).compareTo(pollMax) > 0 ? pollMax : wait.multipliedBy(2);
                }
            }
        }
    }
}

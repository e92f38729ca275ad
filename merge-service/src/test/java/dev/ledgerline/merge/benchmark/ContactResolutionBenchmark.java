package dev.ledgerline.merge.benchmark;

import static dev.ledgerline.merge.MergeWire.connection;

import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.simulation.CrmConnection;
import dev.ledgerline.devstack.simulation.DuplicateContactGenerator;
import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import dev.ledgerline.devstack.simulation.GeneratedContact;
import dev.ledgerline.devstack.simulation.GeneratorSettings;
import dev.ledgerline.devstack.TopicInput;
import dev.ledgerline.merge.MergeTestSupport;
import dev.ledgerline.merge.MergeWire;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.CustomerScope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Contacts resolved per second through the real topics and database: a tenant (two CRMs, ALL_CONTACTS) first gets
 * {@code existing} contacts, then {@code fresh} new ones are published and timed from the first send until the last
 * is in the processed-event log (each resolved, linked or reviewed, its customer on the outbox). Contacts come from
 * devstack's DuplicateContactGenerator (people without an employer, so each is a person resolution; 35 % in several
 * records). Sizes: {@code -Dbench.sizes=10000,100000} (existing = fresh = size). Not part of the tests (BENCHMARKS.md).
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "merge"))
class ContactResolutionBenchmark extends MergeTestSupport {

    @Test
    void contactsResolvedPerSecondAgainstExistingCustomers() throws IOException {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        for (int size : sizes) {
            run(size);
        }
    }

    private void run(int size) throws IOException {
        String benchTenant = tenant + "-" + size;
        List<CrmConnection> crms = List.of(new CrmConnection(HUBSPOT, CrmSource.HUBSPOT),
                new CrmConnection(SALESFORCE, CrmSource.SALESFORCE));
        // Persons so that about 2 × size contacts come out (35 % of people in two to four records).
        int persons = (int) (size * 2 / 1.45);
        DuplicatePopulation population = new DuplicateContactGenerator(
                new GeneratorSettings(benchTenant, crms, 1, persons, 0.0, 0.35, 0.03)).generate(20261202L + size);
        List<Contact> contacts = population.contacts().stream().map(GeneratedContact::contact).toList();
        List<Contact> existing = contacts.subList(0, Math.min(size, contacts.size()));
        List<Contact> fresh = contacts.subList(existing.size(), Math.min(2 * size, contacts.size()));
        try (TopicInput load = new TopicInput()) {
            for (CrmConnection crm : crms) {
                load.send(connection(benchTenant, crm.connectionId(), crm.source(), true, CustomerScope.ALL_CONTACTS,
                        true, MergeWire.T0));
            }
            long loadStart = System.nanoTime();
            existing.forEach(contact -> load.sendAsync(MergeWire.of(contact)));
            load.flush();
            awaitProcessed(load.eventIds(), Duration.ofHours(2), Duration.ofSeconds(1));
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            List<String> before = load.eventIds();
            long start = System.nanoTime();
            fresh.forEach(contact -> load.sendAsync(MergeWire.of(contact)));
            load.flush();
            List<String> freshIds = new ArrayList<>(load.eventIds().subList(before.size(), load.eventIds().size()));
            awaitProcessed(freshIds, Duration.ofHours(2), Duration.ofSeconds(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = String.format(Locale.ROOT,
                    "%s existing=%d (loaded at %.0f/s) new=%d seconds=%.1f contacts/s=%.0f customers=%d reviews=%d load=%s",
                    LocalDate.now(), existing.size(), existing.size() / loadSeconds, fresh.size(), seconds,
                    fresh.size() / seconds,
                    count("select count(*) from customer where tenant_id = ?", benchTenant),
                    count("select count(*) from review_item where tenant_id = ?", benchTenant),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println("ContactResolutionBenchmark " + line);
            Path report = Path.of("target", "benchmarks", "contact-resolution.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}

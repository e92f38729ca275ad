package dev.ledgerline.merge.flow;

import static dev.ledgerline.merge.MergeWire.connection;
import static dev.ledgerline.merge.MergeWire.contact;
import static dev.ledgerline.merge.MergeWire.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.consume.ConsumerSettings;
import dev.ledgerline.consume.RecordProcessor;
import dev.ledgerline.devstack.DevstackResource;
import dev.ledgerline.devstack.TopicInput;
import dev.ledgerline.merge.MergeOutput;
import dev.ledgerline.merge.MergeTestSupport;
import dev.ledgerline.merge.MergeWire;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.CustomerScope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second member joins the service's consumer group mid-stream and leaves again, so that tenants' partitions move to
 * it and back while their contacts are being resolved. It processes with the service's own record processor, as a
 * second instance would. Every person (one HubSpot and one Salesforce record with the same email) ends as exactly one
 * customer with two links: none lost, none doubled. Seeded; the seed is in the test name.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = DevstackResource.DATABASE_ARG, value = "merge"))
class RebalanceTest extends MergeTestSupport {
    private static final int TENANTS = 8;
    private static final List<String> FIRST = List.of("Anna", "Bartosz", "Chiara", "Dmitri", "Elif", "Farid", "Greta",
            "Hiroshi", "Ingrid", "Jonas", "Kamala", "Luca", "Mbali", "Nils", "Oksana", "Pablo", "Quentin", "Rania",
            "Sven", "Tamsin");
    private static final List<String> LAST = List.of("Abramowicz", "Bergström", "Castellano", "Dvořák", "Erdoğan",
            "Fitzgerald", "Gallagher", "Horvath", "Ishikawa", "Jankowski", "Kowalewski", "Lindqvist", "Moreau",
            "Nakamura", "Okonkwo", "Papadopoulos", "Quispe", "Rautenberg", "Szymanski", "Thorvaldsen");
    private static final int PERSONS = FIRST.size();

    @Inject
    RecordProcessor processor;
    @Inject
    ConsumerSettings settings;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261202L})
    void partitionsMovingToAnotherConsumerAndBackLoseAndDoubleNoCustomer(long seed) throws Exception {
        System.out.println("RebalanceTest seed " + seed);
        Random random = new Random(seed);
        List<String> tenants = new ArrayList<>();
        List<MergeWire.Input> stream = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            String id = tenant + "-" + t;
            tenants.add(id);
            stream.add(connection(id, HUBSPOT, CrmSource.HUBSPOT, true, CustomerScope.ALL_CONTACTS, true, MergeWire.T0));
            stream.add(connection(id, SALESFORCE, CrmSource.SALESFORCE, true, CustomerScope.ALL_CONTACTS, true,
                    MergeWire.T0));
        }
        List<MergeWire.Input> contacts = new ArrayList<>();
        for (String id : tenants) {
            for (int p = 0; p < PERSONS; p++) {
                String email = FIRST.get(p).toLowerCase() + "." + p + "@" + id + ".example";
                contacts.add(of(contact(id, HUBSPOT, CrmSource.HUBSPOT, "h" + p).setFirstName(FIRST.get(p))
                        .setLastName(LAST.get(p)).setEmails(List.of(email)).build()));
                contacts.add(of(contact(id, SALESFORCE, CrmSource.SALESFORCE, "s" + p).setFirstName(FIRST.get(p))
                        .setLastName(LAST.get(p)).setEmails(List.of(email.toUpperCase())).build()));
            }
        }
        Collections.shuffle(contacts, random);
        stream.addAll(contacts);

        int third = stream.size() / 3;
        stream.subList(0, third).forEach(input::send);
        SecondMember second = new SecondMember();
        Thread thread = new Thread(second, "second-member");
        thread.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !second.assigned.get().isEmpty());
        stream.subList(third, 2 * third).forEach(input::send);
        // The middle third of the moved partitions is the second member's: it leaves once all of it is processed.
        awaitProcessed(input.eventIds());
        second.running = false;
        thread.join(Duration.ofSeconds(60).toMillis());
        assertThat(second.failure.get()).isNull();
        stream.subList(2 * third, stream.size()).forEach(input::send);
        awaitProcessed(input.eventIds());

        System.out.println("RebalanceTest: the second member had partitions " + second.everAssigned
                + " and processed " + second.processed.get() + " records");
        assertThat(second.everAssigned).isNotEmpty();
        assertThat(second.processed.get()).as("records the second member processed").isPositive();
        for (String id : tenants) {
            assertThat(count("select count(*) from customer where tenant_id = ? and merged_into_id is null", id))
                    .as("customers of " + id).isEqualTo(PERSONS);
            assertThat(count("""
                    select count(*) from (select customer_id from source_link where tenant_id = ?
                     group by customer_id having count(*) = 2) c""", id)).as("customers with two links of " + id)
                    .isEqualTo(PERSONS);
            try (MergeOutput published = new MergeOutput(id)) {
                Map<String, Customer> customers = published.await(o -> o.customers().size() == PERSONS
                        && o.customers().values().stream().allMatch(c -> c.getSourceLinks().size() == 2)).customers();
                assertThat(customers.values()).extracting(Customer::getEmail).doesNotHaveDuplicates();
            }
        }
    }

    /** Another member of the service's group, processing with the service's record processor. */
    private final class SecondMember implements Runnable {
        volatile boolean running = true;
        final AtomicReference<Set<TopicPartition>> assigned = new AtomicReference<>(Set.of());
        final Set<TopicPartition> everAssigned = Collections.synchronizedSet(new java.util.HashSet<>());
        final AtomicInteger processed = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackResource.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(processor.topics());
                while (running) {
                    var batch = consumer.poll(Duration.ofMillis(200));
                    assigned.set(Set.copyOf(consumer.assignment()));
                    everAssigned.addAll(consumer.assignment());
                    Map<TopicPartition, OffsetAndMetadata> done = new java.util.HashMap<>();
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        processor.process(record);
                        processed.incrementAndGet();
                        done.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    consumer.commitSync(done);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }
    }
}

package dev.ledgerline.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay runs in a JVM of its own and is killed with SIGKILL while events are being committed and relayed, once or
 * twice, each time followed by a fresh relay. Every committed event must reach the topic at least once, in commit
 * order per key, no rolled-back or unknown event may appear, and every duplicate must carry the id, value and
 * timestamp of its original.
 *
 * <p>Seeded: the seed decides the keys, the transactions (sizes, rollbacks) and when the relays die. Replay one with
 * {@code -Dledgerline.outbox.crash.seeds=SEED}; run more with {@code -Dledgerline.outbox.crash.runs=N}.
 */
class RelayCrashTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "relay-crash");

    static Stream<Long> seeds() {
        String seeds = System.getProperty("ledgerline.outbox.crash.seeds");
        if (seeds != null) {
            return Arrays.stream(seeds.split(",")).map(String::trim).map(Long::valueOf);
        }
        long first = Long.getLong("ledgerline.outbox.crash.seed", 20261202L);
        return LongStream.range(0, Integer.getInteger("ledgerline.outbox.crash.runs", 2)).mapToObj(i -> first + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRelayKilledMidStreamLosesNothingInventsNothingAndKeepsTheOrderPerKey(long seed) throws Exception {
        System.out.println("RelayCrashTest seed " + seed + " (replay with -Dledgerline.outbox.crash.seeds=" + seed + ")");
        Random random = new Random(seed);
        try (TestDatabase database = TestDatabase.create("crash")) {
            RelaySettings settings = database.relaySettings("crash-test");
            // As a service does at startup, before its first append.
            OutboxSchema.prepare(database.dataSource(), settings);
            String prefix = database.name() + "-";
            Writers writers = new Writers(database.dataSource(), prefix, 3 + random.nextInt(6), random.nextLong());
            int kills = 1 + random.nextInt(2);
            try (TopicReader reader = new TopicReader(TestEvents.TOPIC, prefix)) {
                writers.start();
                Process relay = RelayProcess.launch(settings, log(database, 0));
                try {
                    for (int kill = 1; kill <= kills; kill++) {
                        // Mid-stream: this relay has published, and the writers go on committing.
                        int before = reader.readFor(Duration.ZERO).size();
                        reader.readUntil(seen -> seen.size() >= before + 30, PATIENCE);
                        Thread.sleep(random.nextInt(300));
                        relay.destroyForcibly().waitFor();
                        System.out.println("Killed relay " + kill + " of " + kills + " after " + reader.readFor(Duration.ZERO).size() + " records");
                        // Commits go on while no relay runs; the slot keeps them.
                        Thread.sleep(200 + random.nextInt(800));
                        relay = RelayProcess.launch(settings, log(database, kill));
                    }
                    int before = reader.readFor(Duration.ZERO).size();
                    reader.readUntil(seen -> seen.size() >= before + 30, PATIENCE);
                    writers.stop();

                    Set<UUID> committed = writers.committed.keySet();
                    List<TopicReader.Arrived> arrived = reader.readUntil(
                            seen -> seen.stream().map(TopicReader.Arrived::id).collect(Collectors.toSet())
                                    .containsAll(committed), PATIENCE);
                    verify(writers, arrived);
                } finally {
                    writers.stop();
                    relay.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static void verify(Writers writers, List<TopicReader.Arrived> arrived) {
        Map<UUID, TopicReader.Arrived> first = new LinkedHashMap<>();
        int duplicates = 0;
        for (TopicReader.Arrived record : arrived) {
            assertThat(writers.committed).as("only committed events are published").containsKey(record.id());
            TopicReader.Arrived original = first.putIfAbsent(record.id(), record);
            if (original != null) {
                duplicates++;
                assertThat(record.key()).isEqualTo(original.key());
                assertThat(record.value()).isEqualTo(original.value());
                assertThat(record.timestamp()).isEqualTo(original.timestamp());
            }
        }
        assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(writers.committed.keySet());
        assertThat(first.keySet()).doesNotContainAnyElementsOf(writers.rolledBack);
        Map<String, List<Long>> sequencesByKey = new HashMap<>();
        first.values().forEach(r -> sequencesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.sequence()));
        sequencesByKey.forEach((key, sequences) -> assertThat(sequences).as("first arrivals of " + key + " in commit order")
                .isEqualTo(LongStream.rangeClosed(1, sequences.size()).boxed().toList()));
        System.out.printf("Committed %d events over %d keys, rolled back %d; %d records on the topic, %d duplicates%n",
                writers.committed.size(), sequencesByKey.size(), writers.rolledBack.size(), arrived.size(), duplicates);
    }

    private static Path log(TestDatabase database, int relay) {
        return LOGS.resolve(database.name() + "-relay-" + relay + ".log");
    }

    /**
     * Two threads committing transactions of one to four events, one in ten rolled back. Each thread owns half of the
     * keys, so that the commit order of a key is the order its thread committed it in: sequence 1, 2, 3 …
     */
    private static final class Writers {
        final Map<UUID, String> committed = new ConcurrentHashMap<>();
        final Set<UUID> rolledBack = ConcurrentHashMap.newKeySet();
        private final DataSource database;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Throwable> failures = new ArrayList<>();

        Writers(DataSource database, String prefix, int keys, long seed) {
            this.database = database;
            for (int writer = 0; writer < 2; writer++) {
                List<String> owned = new ArrayList<>();
                for (int key = writer; key < keys; key += 2) {
                    owned.add(prefix + "k" + key);
                }
                Random random = new Random(seed + writer);
                threads.add(new Thread(() -> write(owned, random), "crash-writer-" + writer));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            synchronized (failures) {
                assertThat(failures).as("writer failures").isEmpty();
            }
        }

        private void write(List<String> keys, Random random) {
            Map<String, Long> committedSequence = new HashMap<>();
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                while (running.get()) {
                    Map<String, Long> next = new HashMap<>(committedSequence);
                    Map<UUID, String> appended = new LinkedHashMap<>();
                    for (int event = 1 + random.nextInt(4); event > 0; event--) {
                        String key = keys.get(random.nextInt(keys.size()));
                        long sequence = next.merge(key, 1L, Long::sum);
                        appended.put(OutboxRows.append(connection, TestEvents.event(key, sequence)), key);
                    }
                    if (random.nextInt(10) == 0) {
                        connection.rollback();
                        rolledBack.addAll(appended.keySet());
                    } else {
                        connection.commit();
                        committedSequence = next;
                        committed.putAll(appended);
                    }
                    Thread.sleep(1 + random.nextInt(5));
                }
            } catch (SQLException | RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.ledgerline.outbox.relay;

import dev.ledgerline.schemas.TenantPartitioner;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.jboss.logging.Logger;

/**
 * The relay of one service instance. It competes for the service's relay lock; the holder runs a Debezium engine
 * (Postgres connector, pgoutput) on the service's slot and publishes every outbox row through an idempotent producer
 * ({@link OutboxPublisher}); the others wait as standby and take over when the lock frees. A failed engine is
 * restarted with exponential backoff from its stored offsets.
 *
 * <p>Prepare the database with {@link OutboxSchema#prepare} first.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration INITIAL_RESTART_BACKOFF = Duration.ofSeconds(1);
    private static final Duration ENGINE_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BATCH_FINISH_TIMEOUT = Duration.ofSeconds(30);
    /** A slot stays active for a moment after its previous holder died: the engine retries that long. */
    private static final Duration SLOT_IN_USE_PATIENCE = Duration.ofSeconds(60);
    private static final Duration SLOT_RETRY_DELAY = Duration.ofSeconds(2);

    private final RelaySettings settings;
    private final String schema;
    private final RelayMetrics metrics;
    private final RelayLock lock;
    private final ScheduledExecutorService election;
    private final ExecutorService engineThread;

    private volatile RelayState state = RelayState.STOPPED;
    private volatile boolean closed;
    /** Written on the election thread only (and by close() once that thread has ended). */
    private volatile boolean leader;
    /** The engine this instance started last; its run is done once it stopped. */
    private volatile EngineRun current;
    private volatile Duration restartBackoff = INITIAL_RESTART_BACKOFF;
    /** {@link System#nanoTime()} before which a failed engine is not restarted. */
    private volatile long restartAt = System.nanoTime();

    /** An engine and its run on the engine thread. */
    private record EngineRun(DebeziumEngine<RecordChangeEvent<SourceRecord>> engine, Future<?> run,
            OutboxPublisher publisher) {
    }

    /**
     * @param schema the schema of the outbox tables, as {@link OutboxSchema#prepare} answered
     */
    public OutboxRelay(RelaySettings settings, String schema, MeterRegistry registry) {
        this(settings, schema, registry, Clock.systemUTC());
    }

    OutboxRelay(RelaySettings settings, String schema, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.schema = schema;
        this.metrics = new RelayMetrics(registry, clock);
        this.lock = new RelayLock(settings);
        this.election = Executors.newSingleThreadScheduledExecutor(daemon("outbox-relay-election"));
        this.engineThread = Executors.newSingleThreadExecutor(daemon("outbox-relay-engine"));
    }

    /** Starts competing for the slot; returns at once. */
    public void start() {
        state = RelayState.ELECTING;
        election.scheduleWithFixedDelay(this::elect, 0, settings.electionInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public RelayState state() {
        return state;
    }

    /** Stops the engine, if this instance runs it, and frees the slot for another instance. */
    @Override
    public void close() {
        closed = true;
        election.shutdownNow();
        awaitQuietly(election);
        // The election thread has ended: nothing else starts or stops an engine now.
        stopEngine();
        lock.close();
        leader = false;
        metrics.close();
        engineThread.shutdownNow();
        state = RelayState.STOPPED;
    }

    /** One round of the election, on the election thread: take the lock, keep it, or restart a failed engine. */
    private void elect() {
        if (closed) {
            return;
        }
        try {
            if (!leader) {
                if (lock.tryAcquire()) {
                    leader = true;
                    LOG.infof("Outbox relay of %s takes over slot %s", settings.name(), settings.slot());
                    metrics.startedRelaying();
                    startEngine();
                } else {
                    state = RelayState.STANDBY;
                }
            } else if (!lock.stillHeld()) {
                LOG.warnf("Outbox relay of %s lost its lock on slot %s; stopping, another instance may take over",
                        settings.name(), settings.slot());
                metrics.error(RelayMetrics.ELECTION);
                leader = false;
                stopEngine();
                lock.close();
                metrics.stoppedRelaying();
                state = RelayState.STANDBY;
            } else if ((current == null || current.run().isDone()) && System.nanoTime() - restartAt >= 0) {
                startEngine();
            }
        } catch (SQLException | RuntimeException e) {
            metrics.error(RelayMetrics.ELECTION);
            LOG.warnf("Outbox relay election of %s failed, retrying in %s: %s", settings.name(),
                    settings.electionInterval(), e.toString());
        }
    }

    private void startEngine() {
        state = RelayState.STARTING;
        OutboxPublisher publisher = new OutboxPublisher(new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer()), metrics);
        try {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> created = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(engineProperties())
                    // Offsets flush after every acknowledged batch, never on a timer.
                    .using(OffsetCommitPolicy.always())
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            onTaskStarted();
                        }

                        @Override
                        public void taskStopped() {
                            onTaskStopped();
                        }
                    })
                    .using((success, message, error) -> onEngineFinished(publisher, success, message, error))
                    .notifying(publisher)
                    .build();
            current = new EngineRun(created, engineThread.submit(created), publisher);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    private void onTaskStarted() {
        restartBackoff = INITIAL_RESTART_BACKOFF;
        if (leader && !closed) {
            state = RelayState.RELAYING;
        }
        LOG.infof("Outbox relay of %s streams slot %s", settings.name(), settings.slot());
    }

    private void onTaskStopped() {
        if (leader && !closed) {
            state = RelayState.STARTING;
        }
    }

    /** On the engine's thread, once it has stopped, for good or for a failure. */
    private void onEngineFinished(OutboxPublisher publisher, boolean success, String message,
            Throwable error) {
        publisher.close();
        if (!success) {
            metrics.error(RelayMetrics.ENGINE);
        }
        if (closed || !leader) {
            return;
        }
        state = RelayState.STARTING;
        Duration pause = restartBackoff;
        restartBackoff = min(restartBackoff.multipliedBy(2), settings.maxRestartBackoff());
        restartAt = System.nanoTime() + pause.toNanos();
        LOG.errorf(error, "Outbox relay engine of %s stopped (%s); restarting in %s", settings.name(), message, pause);
        try {
            election.schedule(this::elect, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The relay is closing.
        }
    }

    /** Stops the running engine and waits for it; the engine refuses to stop while its task is starting. */
    private void stopEngine() {
        EngineRun running = current;
        if (running == null) {
            return;
        }
        // The engine interrupts its polling thread when it stops: let the batch in flight be flushed first.
        running.publisher().stopAfterCurrentBatch(BATCH_FINISH_TIMEOUT);
        long deadline = System.nanoTime() + ENGINE_STOP_TIMEOUT.toNanos();
        while (!running.run().isDone()) {
            try {
                running.engine().close();
                break;
            } catch (IllegalStateException startingOrStopping) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                sleep(Duration.ofMillis(100));
            } catch (IOException e) {
                LOG.warnf("Outbox relay engine of %s did not stop cleanly: %s", settings.name(), e.toString());
                break;
            }
        }
        try {
            running.run().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Outbox relay engine of %s did not stop in time: %s", settings.name(), e.toString());
            running.run().cancel(true);
        }
        current = null;
    }

    private Properties engineProperties() {
        PostgresUrl database = PostgresUrl.parse(settings.jdbcUrl());
        String events = schema + "." + OutboxSchema.EVENT_TABLE;
        String heartbeats = schema + "." + OutboxSchema.HEARTBEAT_TABLE;
        Properties properties = new Properties();
        properties.setProperty("name", settings.name());
        properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        properties.setProperty("topic.prefix", settings.slot());
        properties.setProperty("database.hostname", database.host());
        properties.setProperty("database.port", Integer.toString(database.port()));
        properties.setProperty("database.dbname", database.database());
        properties.setProperty("database.user", nullToEmpty(settings.username()));
        properties.setProperty("database.password", nullToEmpty(settings.password()));
        database.sslMode().ifPresent(mode -> properties.setProperty("database.sslmode", mode));
        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", settings.slot());
        properties.setProperty("slot.max.retries",
                Long.toString(SLOT_IN_USE_PATIENCE.toMillis() / SLOT_RETRY_DELAY.toMillis()));
        properties.setProperty("slot.retry.delay.ms", Long.toString(SLOT_RETRY_DELAY.toMillis()));
        // OutboxSchema created the publication (inserts only) and the slot before the first append.
        properties.setProperty("publication.name", settings.publication());
        properties.setProperty("publication.autocreate.mode", "disabled");
        properties.setProperty("table.include.list", events + "," + heartbeats);
        // Nothing to snapshot: the event table is always empty, and the slot holds every change since it was made.
        properties.setProperty("snapshot.mode", "no_data");
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("poll.interval.ms", Long.toString(settings.pollInterval().toMillis()));
        // A heartbeat row is a change in the publication, so that the slot advances while only other tables write.
        properties.setProperty("heartbeat.interval.ms", Long.toString(settings.heartbeatInterval().toMillis()));
        properties.setProperty("heartbeat.action.query",
                "WITH previous AS (DELETE FROM " + heartbeats + ") INSERT INTO " + heartbeats + " (beat_at) VALUES (now())");
        properties.setProperty("offset.storage", JdbcOffsetStore.class.getName());
        properties.setProperty(JdbcOffsetStore.URL, settings.jdbcUrl());
        properties.setProperty(JdbcOffsetStore.USER, nullToEmpty(settings.username()));
        properties.setProperty(JdbcOffsetStore.PASSWORD, nullToEmpty(settings.password()));
        properties.setProperty("offset.flush.interval.ms", "0");
        return properties;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = settings.kafka().producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.name() + "-outbox-relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, TenantPartitioner.class);
        return config;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(ENGINE_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

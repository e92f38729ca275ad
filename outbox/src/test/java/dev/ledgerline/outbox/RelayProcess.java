package dev.ledgerline.outbox;

import dev.ledgerline.kafkaclient.KafkaClientConfig;
import dev.ledgerline.outbox.relay.OutboxRelay;
import dev.ledgerline.outbox.relay.OutboxSchema;
import dev.ledgerline.outbox.relay.RelaySettings;
import dev.ledgerline.outbox.relay.RelayState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A relay in a JVM of its own, as a service instance would run it, so that a test can kill it with SIGKILL. Started
 * by {@link #launch} from the test JVM's class path; prints its state changes.
 */
public final class RelayProcess {
    private RelayProcess() {
    }

    /** Arguments: service name, JDBC URL, bootstrap servers, slot, publication. */
    public static void main(String[] args) throws InterruptedException {
        RelaySettings settings = TestDatabase.relaySettings(args[0], args[1], KafkaClientConfig.forBrokers(args[2]),
                args[3], args[4]);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(settings.jdbcUrl());
        dataSource.setUser(settings.username());
        dataSource.setPassword(settings.password());
        OutboxRelay relay = new OutboxRelay(settings, OutboxSchema.prepare(dataSource, settings), new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
        relay.start();
        RelayState reported = null;
        while (true) {
            RelayState now = relay.state();
            if (now != reported) {
                System.out.println("RELAY-STATE " + now);
                reported = now;
            }
            Thread.sleep(50);
        }
    }

    /** Starts a relay process; its output goes to {@code log}. */
    static Process launch(RelaySettings settings, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m",
                "-Dorg.jboss.logging.provider=slf4j", "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                "-cp", System.getProperty("java.class.path"), RelayProcess.class.getName(),
                settings.name(), settings.jdbcUrl(), settings.kafka().bootstrapServers(), settings.slot(), settings.publication());
        File output = log.toFile();
        output.getParentFile().mkdirs();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }
}

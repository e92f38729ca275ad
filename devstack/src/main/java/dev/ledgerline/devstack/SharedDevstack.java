package dev.ledgerline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one stack of a test JVM, on free ports and temporary data, started on first use and stopped with the JVM:
 * the in-process {@link Devstack}, or containers under {@code mvn -Pcontainers} ({@link StackChoice}). Tests reach it through {@link DevstackResource}, which calls the copy of this class that the system
 * class loader holds, so that every Quarkus application class loader (one per test profile) shares it.
 */
public final class SharedDevstack {

    private static RunningStack stack;
    private static Path tempRoot;

    private SharedDevstack() {
    }

    public static synchronized String bootstrapServers() {
        return started().bootstrapServers();
    }

    public static synchronized String scramBootstrapServers() {
        return started().scramBootstrapServers();
    }

    public static synchronized String jdbcUrl(String database) {
        return started().jdbcUrl(database);
    }

    /** A new, empty directory for a Kafka Streams {@code state.dir}, deleted with the rest of the stack's data. */
    public static synchronized String newStreamsStateDir() {
        started();
        try {
            return Files.createTempDirectory(tempRoot, "kafka-streams-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunningStack started() {
        if (stack == null) {
            Path dataDir = createTempRoot();
            try {
                stack = StackChoice.forThisJvm() == StackChoice.CONTAINERS
                        ? StackChoice.startContainers()
                        : Devstack.start(dataDir, 0, 0);
            } catch (RuntimeException e) {
                deleteRecursively(dataDir);
                throw e;
            }
            tempRoot = dataDir;
            RunningStack running = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.close();
                deleteRecursively(dataDir);
            }, "devstack-shutdown"));
        }
        return stack;
    }

    private static Path createTempRoot() {
        try {
            return Files.createTempDirectory("ledgerline-devstack-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the devstack", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the devstack data in " + root, e);
        }
    }
}

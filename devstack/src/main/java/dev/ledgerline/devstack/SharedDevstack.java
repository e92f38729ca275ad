package dev.ledgerline.devstack;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import dev.ledgerline.devstack.auth.SigningKeys;
import dev.ledgerline.devstack.auth.TokenMinter;

/**
 * The one stack of a test JVM, on free ports and temporary data, started on first use and stopped with the JVM:
 * the in-process {@link Devstack}, or containers under {@code mvn -Pcontainers} ({@link StackChoice}). Tests reach it through {@link DevstackResource}, which calls the copy of this class that the system
 * class loader holds, so that every Quarkus application class loader (one per test profile) shares it.
 */
public final class SharedDevstack {

    private static RunningStack stack;
    private static Path tempRoot;
    private static SigningKeys signingKeys;

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

    /** The base64 public key of the test JVM's token signing keys ({@code quarkus.oidc.public-key}). */
    public static synchronized String publicKey() {
        return keys().publicKeyBase64();
    }

    /** A bearer token of the test JVM's signing keys; a negative lifetime gives an expired one. */
    public static synchronized String token(String subject, String tenant, String role, String lifetimeSeconds) {
        return new TokenMinter(keys()).issue(subject, tenant, List.of(role), Duration.ofSeconds(Long.parseLong(lifetimeSeconds)));
    }

    private static SigningKeys keys() {
        if (signingKeys == null) {
            signingKeys = SigningKeys.generate();
        }
        return signingKeys;
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

    /**
     * Calls {@link SharedDevstack} as loaded by the system class loader: Quarkus loads test resources and tests in a class
     * loader per application, whose statics would start one stack (and make one key pair) per test profile.
     */
    static Object jvmWide(String method, String... args) {
        try {
            Class<?> shared = Class.forName(SharedDevstack.class.getName(), true, jvmWideClassLoader());
            MethodType type = MethodType.methodType(String.class, Collections.nCopies(args.length, String.class));
            MethodHandle handle = MethodHandles.publicLookup().findStatic(shared, method, type);
            return handle.invokeWithArguments((Object[]) args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot reach the shared devstack", e);
        }
    }

    /** The system class loader when it sees devstack (Maven Surefire, IDEs), else this class's own. */
    private static ClassLoader jvmWideClassLoader() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return system.getResource(SharedDevstack.class.getName().replace('.', '/') + ".class") != null
                ? system
                : SharedDevstack.class.getClassLoader();
    }
}

package dev.ledgerline.deploy;

import java.nio.file.Path;

/** The repository root, as the build passes it (surefire's {@code ledgerline.root}), else the parent directory. */
final class Repository {
    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("ledgerline.root", "..")).toAbsolutePath().normalize();
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }
}

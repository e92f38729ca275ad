package dev.ledgerline.devstack;

/** The official images that docker-compose.yml runs and the Testcontainers profile starts: one place for both. */
public final class ContainerImages {
    public static final String KAFKA = "apache/kafka:4.1.1";
    public static final String POSTGRES = "postgres:17";

    private ContainerImages() {
    }
}

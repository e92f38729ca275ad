package dev.ledgerline.devstack;

/** Kafka with every topic of the {@link TopicTable} and PostgreSQL with the {@link Devstack#DATABASES}, running. */
public interface RunningStack extends AutoCloseable {

    String bootstrapServers();

    /** The SASL_PLAINTEXT listener with SCRAM-SHA-512, user {@link Devstack#SCRAM_USER}. */
    String scramBootstrapServers();

    /** JDBC URL of a database, without credentials ({@link EmbeddedDatabase#USERNAME}, {@link EmbeddedDatabase#PASSWORD}). */
    String jdbcUrl(String database);

    @Override
    void close();
}

package dev.ledgerline.deploy;

import static dev.ledgerline.schemas.Topics.ACCOUNTS;
import static dev.ledgerline.schemas.Topics.CATALOG_ITEMS;
import static dev.ledgerline.schemas.Topics.CONNECTIONS;
import static dev.ledgerline.schemas.Topics.CONTACTS;
import static dev.ledgerline.schemas.Topics.CUSTOMERS;
import static dev.ledgerline.schemas.Topics.DEALS;
import static dev.ledgerline.schemas.Topics.INVOICES;
import static dev.ledgerline.schemas.Topics.KPI_VALUES;
import static dev.ledgerline.schemas.Topics.LEADS;
import static dev.ledgerline.schemas.Topics.LEDGER_DOCUMENTS;
import static dev.ledgerline.schemas.Topics.OWNERS;
import static dev.ledgerline.schemas.Topics.PAYMENTS;
import static dev.ledgerline.schemas.Topics.PRODUCTS;
import static dev.ledgerline.schemas.Topics.RESOLVED_DEALS;
import static dev.ledgerline.schemas.Topics.TENANTS;

import dev.ledgerline.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Each service as the cluster sees it, from DESIGN.md §4 and the root README's service table. A consumer writes
 * the dead-letter topics of the topics it consumes (a record it cannot process); connector-service, which consumes
 * nothing, those of the topics it produces (a CRM object it cannot normalise). Consumer groups are the services'
 * configured group ids (merge-service's and ledger-sync-service's {@code ledgerline.consumer.group-id}, kpi-service's
 * Kafka Streams application id).
 */
public final class ServiceTable {
    /** Strimzi's bootstrap Service of the {@link StrimziManifests#CLUSTER} cluster, plain listener. */
    static final String KAFKA_BOOTSTRAP = StrimziManifests.CLUSTER + "-kafka-bootstrap:9092";
    /** The existing PostgreSQL, reached under this Service name (an ExternalName Service or a real one). */
    static final String POSTGRES_HOST = "postgres";
    static final String DATASOURCE_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";
    /**
     * The OIDC provider whose tokens every service's API takes (root README, "Security"); its keys are fetched over
     * HTTPS, so every service calls an API outside the cluster.
     */
    static final String OIDC_PROVIDER = "https://sso.example.com/realms/ledgerline";

    public static final ServiceSpec CONNECTOR = service("connector-service", 8081, Optional.empty(), List.of(),
            List.of(TENANTS, CONNECTIONS, OWNERS, LEADS, CONTACTS, ACCOUNTS, DEALS, PRODUCTS, INVOICES, PAYMENTS),
            Optional.empty(), Optional.of("connector"), true,
            Map.of("LEDGERLINE_OAUTH_REDIRECT_URI", "https://ledgerline.example.com/oauth/callback",
                    "LEDGERLINE_SYNC_INTERVAL", "5m"),
            List.of("LEDGERLINE_SECRET_KEY"));
    public static final ServiceSpec MERGE = service("merge-service", 8082, Optional.of("merge-service"),
            List.of(TENANTS, CONTACTS, ACCOUNTS, DEALS, LEADS, PRODUCTS, CONNECTIONS),
            List.of(CUSTOMERS, RESOLVED_DEALS, CATALOG_ITEMS), Optional.empty(), Optional.of("merge"), true,
            Map.of("LEDGERLINE_CONSUMER_GROUP_ID", "merge-service", "LEDGERLINE_CONSUMER_THREADS", "2"), List.of());
    public static final ServiceSpec LEDGER_SYNC = service("ledger-sync-service", 8083,
            Optional.of("ledger-sync-service"),
            List.of(CUSTOMERS, RESOLVED_DEALS, CATALOG_ITEMS, INVOICES, PAYMENTS, CONNECTIONS, TENANTS),
            List.of(LEDGER_DOCUMENTS), Optional.empty(), Optional.of("ledger"), true,
            Map.of("LEDGERLINE_CONSUMER_GROUP_ID", "ledger-sync-service", "LEDGERLINE_CONSUMER_THREADS", "2"),
            List.of("LEDGERLINE_SECRET_KEY"));
    public static final ServiceSpec KPI = service("kpi-service", 8084, Optional.of("kpi-service"),
            List.of(DEALS, LEADS, OWNERS, TENANTS, CONNECTIONS, CUSTOMERS, RESOLVED_DEALS, LEDGER_DOCUMENTS),
            List.of(KPI_VALUES), Optional.of("kpi-service"), Optional.empty(), true,
            Map.of("KAFKA_STREAMS_STATE_DIR", ServiceManifests.KPI_STATE_DIR), List.of());

    public static final List<ServiceSpec> ALL = List.of(CONNECTOR, MERGE, LEDGER_SYNC, KPI);

    private ServiceTable() {
    }

    private static ServiceSpec service(String name, int port, Optional<String> group, List<String> consumes,
            List<String> produces, Optional<String> internalTopicPrefix, Optional<String> database,
            boolean callsExternalApis, Map<String, String> ownConfig, List<String> ownSecrets) {
        List<String> deadLettered = consumes.isEmpty() ? produces : consumes;
        List<String> writes = Stream.concat(produces.stream(), deadLettered.stream().map(Topics::dlq)).toList();
        Map<String, String> config = new TreeMap<>(ownConfig);
        config.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA_BOOTSTRAP);
        config.put("QUARKUS_OIDC_AUTH_SERVER_URL", OIDC_PROVIDER);
        database.ifPresent(db -> {
            config.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + POSTGRES_HOST + ":5432/" + db);
            config.put("QUARKUS_DATASOURCE_USERNAME", db);
        });
        List<String> secrets = Stream.concat(database.map(db -> DATASOURCE_PASSWORD).stream(), ownSecrets.stream())
                .toList();
        return new ServiceSpec(name, port, group, consumes, writes, internalTopicPrefix, database, callsExternalApis,
                new LinkedHashMap<>(config), secrets);
    }
}

package dev.ledgerline.deploy;

import dev.ledgerline.devstack.TopicTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every generated file: under {@code deploy/k8s} Strimzi topics and users, KEDA scaled objects, each
 * service's base objects and the prod overlay's disruption budgets; and the root {@code docker-compose.yml}. Run by {@code deploy/generate};
 * {@code GeneratedFilesTest} fails when a committed file differs from what this writes.
 */
public final class Generate {
    private Generate() {
    }

    /** Argument: the repository root. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        for (var file : files().entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            System.out.println("wrote " + file.getKey());
        }
    }

    /** Every generated file, by its path relative to the repository root. */
    public static Map<String, String> files() {
        // The deployment's partition count is the table's default, whatever a developer's environment overrides.
        TopicTable table = TopicTable.withPartitions(TopicTable.DEFAULT_PARTITIONS);
        String fromTable = "devstack's TopicTable and deploy's ServiceTable";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("deploy/k8s/strimzi/kafka-topics.yaml",
                Yaml.generatedDocuments("devstack's TopicTable", StrimziManifests.topics(table)));
        files.put("deploy/k8s/strimzi/kafka-users.yaml",
                Yaml.generatedDocuments(fromTable, StrimziManifests.users(ServiceTable.ALL, KedaManifests.LAG_READER)));
        files.put("deploy/k8s/autoscaling/scaled-objects.yaml",
                Yaml.generatedDocuments(fromTable, KedaManifests.scaledObjects(ServiceTable.ALL, table)));
        for (ServiceSpec service : ServiceTable.ALL) {
            files.put("deploy/k8s/base/" + service.service() + ".yaml",
                    Yaml.generatedDocuments("deploy's ServiceTable", ServiceManifests.base(service)));
        }
        files.put("deploy/k8s/overlays/prod/pod-disruption-budgets.yaml",
                Yaml.generatedDocuments("deploy's ServiceTable", ServiceManifests.podDisruptionBudgets(ServiceTable.ALL)));
        files.put("docker-compose.yml", Yaml.generatedDocument("deploy's ServiceTable and devstack's TopicTable",
                ComposeFile.compose(table, ServiceTable.ALL)));
        return files;
    }
}

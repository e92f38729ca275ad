package dev.ledgerline.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's base objects: its ConfigMap, Deployment (probes on SmallRye Health, requests and limits, non-root
 * with a read-only root filesystem, env from the ConfigMap and the Secret), Service and NetworkPolicy (ingress on
 * its port only; egress to DNS, Kafka, PostgreSQL if it has a database, and HTTPS outside the cluster if it calls
 * CRM or ledger APIs), and the prod overlay's PodDisruptionBudget.
 */
public final class ServiceManifests {
    public static final String PART_OF = "ledgerline";
    static final String KPI_STATE_DIR = "/var/lib/ledgerline/kpi-streams";
    /** The user of the Quarkus JVM base image (ubi9 openjdk-17-runtime). */
    static final long IMAGE_USER = 185;
    static final String IMAGE_REGISTRY = "ledgerline";
    static final String IMAGE_TAG = "0.1.0";
    /** Each service fits a 512 MiB pod with the image's default heap of half the limit (BENCHMARKS.md). */
    static final String MEMORY = "512Mi";
    /** Private ranges, the cluster's own; egress to APIs outside the cluster is HTTPS to anything but these. */
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    private ServiceManifests() {
    }

    public static List<Map<String, Object>> base(ServiceSpec service) {
        return List.of(configMap(service), deployment(service), kubernetesService(service), networkPolicy(service));
    }

    public static List<Map<String, Object>> podDisruptionBudgets(List<ServiceSpec> services) {
        return services.stream().map(service -> {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("maxUnavailable", 1);
            spec.put("selector", Map.of("matchLabels", selector(service)));
            return object("policy/v1", "PodDisruptionBudget", service.service(), labels(service), spec);
        }).toList();
    }

    /** The image docker-compose.yml builds and the Deployments run. */
    public static String image(ServiceSpec service) {
        return IMAGE_REGISTRY + "/" + service.service() + ":" + IMAGE_TAG;
    }

    public static String configMapName(ServiceSpec service) {
        return service.service() + "-config";
    }

    public static String secretName(ServiceSpec service) {
        return service.service() + "-secrets";
    }

    private static Map<String, Object> configMap(ServiceSpec service) {
        Map<String, Object> configMap = object("v1", "ConfigMap", configMapName(service), labels(service), null);
        configMap.remove("spec");
        configMap.put("data", new TreeMap<>(service.config()));
        return configMap;
    }

    private static Map<String, Object> deployment(ServiceSpec service) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", service.service());
        container.put("image", image(service));
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("ports", List.of(ordered("name", "http", "containerPort", service.port(), "protocol", "TCP")));
        List<Map<String, Object>> envFrom = new ArrayList<>();
        envFrom.add(Map.of("configMapRef", Map.of("name", configMapName(service))));
        // Every service has one, created by the operator (README): prod adds the Kafka credentials to each.
        envFrom.add(Map.of("secretRef", Map.of("name", secretName(service))));
        container.put("envFrom", envFrom);
        container.put("startupProbe", probe("/q/health/started", 5, 30));
        container.put("livenessProbe", probe("/q/health/live", 10, 3));
        container.put("readinessProbe", probe("/q/health/ready", 5, 3));
        container.put("resources", ordered(
                "requests", ordered("cpu", "250m", "memory", MEMORY),
                "limits", ordered("cpu", "1", "memory", MEMORY)));
        container.put("securityContext", ordered(
                "allowPrivilegeEscalation", false,
                "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        List<Map<String, Object>> mounts = new ArrayList<>();
        List<Map<String, Object>> volumes = new ArrayList<>();
        // The JVM and Quarkus write temporary files; the root filesystem is read-only.
        mounts.add(ordered("name", "tmp", "mountPath", "/tmp"));
        volumes.add(ordered("name", "tmp", "emptyDir", Map.of()));
        if (service.internalTopicPrefix().isPresent()) {
            // Kafka Streams state: rebuilt from the changelog topics after a reschedule.
            mounts.add(ordered("name", "streams-state", "mountPath", KPI_STATE_DIR));
            volumes.add(ordered("name", "streams-state", "emptyDir", Map.of()));
        }
        container.put("volumeMounts", mounts);

        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("securityContext", ordered(
                "runAsNonRoot", true,
                "runAsUser", IMAGE_USER,
                "runAsGroup", IMAGE_USER,
                "fsGroup", IMAGE_USER,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        podSpec.put("terminationGracePeriodSeconds", 30);
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", volumes);

        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", Map.of("labels", labels(service)));
        template.put("spec", podSpec);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 1);
        spec.put("selector", Map.of("matchLabels", selector(service)));
        spec.put("template", template);
        return object("apps/v1", "Deployment", service.service(), labels(service), spec);
    }

    private static Map<String, Object> kubernetesService(ServiceSpec service) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "ClusterIP");
        spec.put("selector", selector(service));
        spec.put("ports", List.of(ordered("name", "http", "port", service.port(), "targetPort", "http",
                "protocol", "TCP")));
        return object("v1", "Service", service.service(), labels(service), spec);
    }

    private static Map<String, Object> networkPolicy(ServiceSpec service) {
        List<Map<String, Object>> egress = new ArrayList<>();
        egress.add(ordered(
                "to", List.of(ordered("namespaceSelector", Map.of(), "podSelector", Map.of(
                        "matchLabels", Map.of("k8s-app", "kube-dns")))),
                "ports", List.of(port("UDP", 53), port("TCP", 53))));
        // The Kafka cluster's pods, in whichever namespace Strimzi runs it.
        egress.add(ordered(
                "to", List.of(ordered("namespaceSelector", Map.of(), "podSelector", Map.of("matchLabels",
                        Map.of("strimzi.io/cluster", StrimziManifests.CLUSTER)))),
                "ports", List.of(port("TCP", 9092), port("TCP", 9093))));
        if (service.database().isPresent()) {
            // PostgreSQL runs outside the cluster or in another namespace: its port, wherever it is.
            egress.add(Map.of("ports", List.of(port("TCP", 5432))));
        }
        if (service.callsExternalApis()) {
            egress.add(ordered(
                    "to", List.of(Map.of("ipBlock", ordered("cidr", "0.0.0.0/0", "except", PRIVATE_RANGES))),
                    "ports", List.of(port("TCP", 443))));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", Map.of("matchLabels", selector(service)));
        spec.put("policyTypes", List.of("Ingress", "Egress"));
        spec.put("ingress", List.of(Map.of("ports", List.of(port("TCP", service.port())))));
        spec.put("egress", egress);
        return object("networking.k8s.io/v1", "NetworkPolicy", service.service(), labels(service), spec);
    }

    private static Map<String, Object> probe(String path, int periodSeconds, int failureThreshold) {
        return ordered(
                "httpGet", ordered("path", path, "port", "http", "scheme", "HTTP"),
                "periodSeconds", periodSeconds,
                "timeoutSeconds", 3,
                "failureThreshold", failureThreshold);
    }

    private static Map<String, Object> port(String protocol, int port) {
        return ordered("protocol", protocol, "port", port);
    }

    private static Map<String, Object> selector(ServiceSpec service) {
        return new TreeMap<>(Map.of("app.kubernetes.io/name", service.service(), "app.kubernetes.io/part-of", PART_OF));
    }

    private static Map<String, Object> labels(ServiceSpec service) {
        Map<String, Object> labels = selector(service);
        labels.put("app.kubernetes.io/version", IMAGE_TAG);
        return labels;
    }

    static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, Object> labels,
            Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("labels", labels);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("spec", spec);
        return object;
    }

    /** A map that keeps the order its keys and values are given in, for readable manifests. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

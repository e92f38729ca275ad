package dev.ledgerline.deploy;

import static dev.ledgerline.deploy.Kustomize.list;
import static dev.ledgerline.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kustomization renders, and what it renders is fit to run: probes, sizes, non-root, no secret values. */
class OverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "strimzi", "autoscaling", "../monitoring"})
    void rendersObjectsThatEachNameTheirKindAndName(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.render(Repository.k8s().resolve(kustomization));
        assertThat(objects).isNotEmpty().allSatisfy(object -> {
            assertThat(object.get("apiVersion")).isInstanceOf(String.class);
            assertThat(object.get("kind")).isInstanceOf(String.class);
            assertThat(map(object.get("metadata")).get("name")).isInstanceOf(String.class);
            assertThat(map(map(object.get("metadata")).get("labels")))
                    .containsEntry("app.kubernetes.io/part-of", "ledgerline");
        });
        assertThat(objects.stream().map(OverlaysTest::key).distinct()).hasSameSizeAs(objects);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyDeploymentIsProbedSizedAndNonRoot(String overlay) {
        List<Map<String, Object>> objects = Kustomize.render(Repository.k8s().resolve(overlay));
        List<Map<String, Object>> deployments = ofKind(objects, "Deployment");
        assertThat(deployments).extracting(d -> map(d.get("metadata")).get("name"))
                .containsExactlyInAnyOrderElementsOf(ServiceTable.ALL.stream().map(ServiceSpec::service).toList());
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
            assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
            assertThat((Number) map(pod.get("securityContext")).get("runAsUser")).extracting(Number::longValue)
                    .isNotEqualTo(0L);
            for (Object entry : list(pod.get("containers"))) {
                Map<String, Object> container = map(entry);
                String name = (String) container.get("name");
                assertThat(container).as(name).containsKeys("livenessProbe", "readinessProbe");
                assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path"))
                        .isEqualTo("/q/health/live");
                assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path"))
                        .isEqualTo("/q/health/ready");
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests"))).as(name).containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).as(name).containsKeys("cpu", "memory");
                assertThat(map(container.get("securityContext")))
                        .containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true);
            }
        }
        // Every Deployment's pods are reached on their port only, and reach only what the service needs.
        assertThat(ofKind(objects, "NetworkPolicy")).hasSameSizeAs(deployments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "strimzi", "autoscaling", "../monitoring"})
    void noSecretValueIsCommitted(String kustomization) throws IOException {
        List<Map<String, Object>> objects = Kustomize.render(Repository.k8s().resolve(kustomization));
        assertThat(ofKind(objects, "Secret")).allSatisfy(secret ->
                assertThat(secret).doesNotContainKeys("data", "stringData"));
        for (Map<String, Object> object : objects) {
            assertThat(object.toString()).doesNotContainPattern("(?i)password\\s*=|BEGIN [A-Z ]*PRIVATE KEY");
        }
    }

    /** kind/namespace/name: what identifies an object in a rendered kustomization. */
    static String key(Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        return object.get("kind") + "/" + metadata.getOrDefault("namespace", "") + "/" + metadata.get("name");
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }
}

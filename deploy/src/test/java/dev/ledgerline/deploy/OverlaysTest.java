package dev.ledgerline.deploy;

import static dev.ledgerline.deploy.Kustomize.list;
import static dev.ledgerline.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
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

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "strimzi", "autoscaling", "../monitoring"})
    void rendersAsKubectlDoesWhereKubectlIsInstalled(String kustomization) throws Exception {
        Assumptions.assumeTrue(kubectlWithKustomize4(),
                "no kubectl with kustomize 4 or later (Debian's kubectl 1.20 has kustomize 2, without patch targets)");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", Repository.k8s().resolve(kustomization).toString())
                .redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor()).as(output).isZero();
        assertThat(byKey(Yaml.documents(output)))
                .isEqualTo(byKey(Kustomize.render(Repository.k8s().resolve(kustomization))));
    }

    /** kubectl on the PATH whose built-in kustomize knows {@code patches} with targets (kustomize 4+). */
    private static boolean kubectlWithKustomize4() throws Exception {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean installed = java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "kubectl")));
        if (!installed) {
            return false;
        }
        Process version = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
        String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var kustomize = java.util.regex.Pattern.compile("Kustomize Version: v(\\d+)").matcher(output);
        return version.waitFor() == 0 && kustomize.find() && Integer.parseInt(kustomize.group(1)) >= 4;
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> objects) {
        return objects.stream().collect(Collectors.toMap(OverlaysTest::key, Function.identity()));
    }

    private static String key(Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        return object.get("kind") + "/" + metadata.getOrDefault("namespace", "") + "/" + metadata.get("name");
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }
}

package dev.ledgerline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overlays rendered by {@code kubectl kustomize} (kustomize 4 or later: Debian's kubectl 1.20 has kustomize 2,
 * without patch targets) equal what {@link Kustomize} renders for the other tests, object by object. Not part of the
 * default build, which needs no kubectl: {@code mvn -B -pl deploy -am verify -Pkubectl -Dtest=KubectlParityCheck
 * -Dsurefire.failIfNoSpecifiedTests=false} (matched kubectl 1.32.4 / kustomize 5.5.0 on 2026-12-02).
 */
class KubectlParityCheck {
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "strimzi", "autoscaling", "../monitoring"})
    void rendersAsKubectlDoes(String kustomization) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", Repository.k8s().resolve(kustomization).toString())
                .redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor()).as(output).isZero();
        assertThat(byKey(Yaml.documents(output)))
                .isEqualTo(byKey(Kustomize.render(Repository.k8s().resolve(kustomization))));
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> objects) {
        return objects.stream().collect(Collectors.toMap(OverlaysTest::key, Function.identity()));
    }
}

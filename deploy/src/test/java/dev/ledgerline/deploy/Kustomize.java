package dev.ledgerline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the part of kustomize that deploy/k8s uses:
 * {@code resources} (files and directories), {@code namespace}, and {@code patches} with a kind/name target and
 * JSON 6902 operations ({@code add}, {@code replace}, {@code remove}). Anything else in a kustomization fails, so
 * the build never trusts a rendering it cannot do; {@code OverlaysTest} compares it with kubectl's where kubectl
 * is installed.
 */
final class Kustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "patches");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = single(read(directory.resolve("kustomization.yaml")));
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(directory + ": kustomization field " + key + " is not rendered here");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.getOrDefault("resources", List.of()))) {
            Path path = directory.resolve((String) resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : Yaml.documents(read(path)));
        }
        for (Object entry : list(kustomization.getOrDefault("patches", List.of()))) {
            Map<String, Object> patch = map(entry);
            Map<String, Object> target = map(patch.get("target"));
            List<Object> operations = list(new org.yaml.snakeyaml.Yaml().load((String) patch.get("patch")));
            for (Map<String, Object> object : objects) {
                if (matches(target, object)) {
                    operations.forEach(operation -> apply(map(operation), object));
                }
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.forEach(object -> map(object.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        return target.getOrDefault("kind", object.get("kind")).equals(object.get("kind"))
                && target.getOrDefault("name", metadata.get("name")).equals(metadata.get("name"));
    }

    /** One JSON 6902 operation on one object; a path that does not exist fails as in kustomize. */
    private static void apply(Map<String, Object> operation, Map<String, Object> object) {
        String op = (String) operation.get("op");
        String[] path = ((String) operation.get("path")).substring(1).split("/");
        Object parent = object;
        for (int i = 0; i < path.length - 1; i++) {
            parent = child(parent, path[i], operation);
        }
        String last = path[path.length - 1];
        Object value = copy(operation.get("value"));
        if (parent instanceof Map<?, ?>) {
            Map<String, Object> map = map(parent);
            if (!op.equals("add") && !map.containsKey(last)) {
                throw new IllegalArgumentException("No " + operation.get("path") + " to " + op);
            }
            if (op.equals("remove")) {
                map.remove(last);
            } else {
                map.put(last, value);
            }
        } else {
            List<Object> list = list(parent);
            switch (op) {
                case "add" -> list.add(last.equals("-") ? list.size() : Integer.parseInt(last), value);
                case "replace" -> list.set(Integer.parseInt(last), value);
                case "remove" -> list.remove(Integer.parseInt(last));
                default -> throw new IllegalArgumentException("Operation " + op + " is not rendered here");
            }
        }
    }

    private static Object child(Object parent, String segment, Map<String, Object> operation) {
        Object child = parent instanceof Map<?, ?> map ? map.get(segment) : list(parent).get(Integer.parseInt(segment));
        if (child == null) {
            throw new IllegalArgumentException("No " + operation.get("path") + " to " + operation.get("op"));
        }
        return child;
    }

    /** Patch values are copied, so that one patch applied to several objects leaves them independent. */
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put((String) key, copy(child)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(Kustomize::copy).toList());
        }
        return value;
    }

    private static Map<String, Object> single(String text) {
        List<Map<String, Object>> documents = Yaml.documents(text);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("A kustomization is one document");
        }
        return documents.get(0);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}

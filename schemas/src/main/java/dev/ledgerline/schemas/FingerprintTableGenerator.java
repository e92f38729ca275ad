package dev.ledgerline.schemas;

import static java.util.stream.Collectors.toCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParser;

/**
 * Build step (exec-maven-plugin, phase process-classes) that writes the fingerprint table from the schema files:
 * {@code <current-dir>/*.avsc} are the current wire records ({@code common/} holds the shared types they use);
 * {@code <history-dir>/<Record>/v<N>.avsc} are earlier, self-contained versions. A record with N history files
 * is at version N + 1.
 */
public final class FingerprintTableGenerator {

    private static final String SHARED_TYPES_DIR = "common";
    private static final Pattern HISTORY_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private FingerprintTableGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: FingerprintTableGenerator <current-dir> <history-dir> <table-file>");
        }
        FingerprintTable.write(collect(Path.of(args[0]), Path.of(args[1])), Path.of(args[2]));
    }

    static List<SchemaVersion> collect(Path currentDir, Path historyDir) throws IOException {
        Map<String, Schema> current = currentSchemas(currentDir);
        List<SchemaVersion> versions = new ArrayList<>();
        Map<Long, String> seen = new HashMap<>();
        for (Schema schema : current.values()) {
            List<Schema> history = history(historyDir.resolve(schema.getName()), schema.getFullName());
            for (int i = 0; i < history.size(); i++) {
                versions.add(version(schema.getFullName(), i + 1, false, history.get(i), seen));
            }
            versions.add(version(schema.getFullName(), history.size() + 1, true, schema, seen));
        }
        if (Files.isDirectory(historyDir)) {
            try (Stream<Path> dirs = Files.list(historyDir)) {
                Set<String> orphans = dirs.map(dir -> dir.getFileName().toString()).collect(toCollection(TreeSet::new));
                current.values().forEach(schema -> orphans.remove(schema.getName()));
                if (!orphans.isEmpty()) {
                    throw new IllegalStateException("History without a current schema: " + orphans);
                }
            }
        }
        return versions;
    }

    /** Parses the shared types first, so that each wire record refers to the one definition of them. */
    private static Map<String, Schema> currentSchemas(Path currentDir) throws IOException {
        SchemaParser parser = new SchemaParser();
        for (Path shared : avscFiles(currentDir.resolve(SHARED_TYPES_DIR))) {
            parser.parse(shared);
        }
        Map<String, Schema> records = new LinkedHashMap<>();
        for (Path file : avscFiles(currentDir)) {
            Schema schema = parser.resolve(parser.parse(file));
            String expected = file.getFileName().toString().replace(".avsc", "");
            if (!schema.getName().equals(expected)) {
                throw new IllegalStateException(file + " defines " + schema.getFullName() + ", expected " + expected);
            }
            records.put(schema.getFullName(), schema);
        }
        return records;
    }

    /** History files v1 … vN of one record, each parsed on its own because each must be self-contained. */
    private static List<Schema> history(Path dir, String fullName) throws IOException {
        Map<Integer, Path> filesByVersion = new TreeMap<>();
        for (Path file : avscFiles(dir)) {
            Matcher name = HISTORY_FILE.matcher(file.getFileName().toString());
            if (!name.matches()) {
                throw new IllegalStateException(file + ": history files are named v1.avsc, v2.avsc …");
            }
            filesByVersion.put(Integer.parseInt(name.group(1)), file);
        }
        List<Schema> history = new ArrayList<>();
        for (Map.Entry<Integer, Path> file : filesByVersion.entrySet()) {
            if (file.getKey() != history.size() + 1) {
                throw new IllegalStateException(file.getValue() + ": history versions must start at 1 without gaps");
            }
            Schema schema = new SchemaParser().parse(file.getValue()).mainSchema();
            if (!schema.getFullName().equals(fullName)) {
                throw new IllegalStateException(file.getValue() + " defines " + schema.getFullName() + ", expected " + fullName);
            }
            history.add(schema);
        }
        return history;
    }

    private static SchemaVersion version(String name, int number, boolean current, Schema schema,
            Map<Long, String> seen) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        String label = name + " v" + number;
        String earlier = seen.putIfAbsent(fingerprint, label);
        if (earlier != null) {
            throw new IllegalStateException(label + " has the same canonical form as " + earlier
                    + "; keep a history file only for a version that differs");
        }
        return new SchemaVersion(name, number, current, fingerprint, schema);
    }

    /** The .avsc files directly in a directory, by name; none when it does not exist. */
    private static List<Path> avscFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".avsc")).sorted().toList();
        }
    }
}

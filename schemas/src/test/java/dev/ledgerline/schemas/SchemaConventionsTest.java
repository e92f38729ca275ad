package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.api.Test;

/** The rules of README "Evolution", checked on every current schema and every type nested in it. */
class SchemaConventionsTest {

    /** Closed sets by definition; every other enum gets a default so that old readers survive new symbols. */
    private static final Set<String> ENUMS_WITHOUT_DEFAULT = Set.of("Op", "StageCategory");
    private static final List<String> CRM_RECORDS =
            List.of("Owner", "Lead", "Contact", "Account", "Deal", "Product", "Invoice", "Payment");
    private static final List<String> ENVELOPE =
            List.of("tenantId", "connectionId", "source", "externalId", "op", "sourceUpdatedAt", "syncedAt");

    private final List<Schema> current =
            SchemaStore.get().all().stream().filter(SchemaVersion::current).map(SchemaVersion::schema).toList();

    @Test
    void everyRecordAndFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        forEachNamedType(schema -> {
            if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                undocumented.add(schema.getFullName());
            }
            if (schema.getType() == Type.RECORD) {
                schema.getFields().stream().filter(f -> f.doc() == null || f.doc().isBlank())
                        .forEach(f -> undocumented.add(schema.getName() + "." + f.name()));
            }
        });

        assertThat(undocumented).isEmpty();
    }

    @Test
    void optionalFieldsAreNullFirstUnionsDefaultingToNull() {
        List<String> wrong = new ArrayList<>();
        forEachField((record, field) -> {
            Schema type = field.schema();
            if (type.getType() == Type.UNION) {
                boolean nullThenOne = type.getTypes().size() == 2 && type.getTypes().get(0).getType() == Type.NULL;
                if (!nullThenOne || field.defaultVal() != JsonProperties.NULL_VALUE) {
                    wrong.add(record.getName() + "." + field.name());
                }
            }
        });

        assertThat(wrong).isEmpty();
    }

    @Test
    void arraysDefaultToEmptyUnlessAlwaysFilled() {
        List<String> withoutDefault = new ArrayList<>();
        forEachField((record, field) -> {
            if (field.schema().getType() == Type.ARRAY && !field.hasDefaultValue()) {
                withoutDefault.add(record.getName() + "." + field.name());
            }
        });

        // A journal entry always has lines; every other list may be empty.
        assertThat(withoutDefault).containsExactly("LedgerDocument.journal");
    }

    @Test
    void enumsThatMayGrowHaveADefault() {
        List<String> withoutDefault = new ArrayList<>();
        forEachNamedType(schema -> {
            if (schema.getType() == Type.ENUM && schema.getEnumDefault() == null) {
                withoutDefault.add(schema.getName());
            }
        });

        assertThat(withoutDefault).containsExactlyInAnyOrderElementsOf(ENUMS_WITHOUT_DEFAULT);
    }

    @Test
    void onlyProbabilityIsAFloatingPointNumber() {
        List<String> floating = new ArrayList<>();
        forEachField((record, field) -> {
            if (nonNull(field.schema()).getType() == Type.DOUBLE || nonNull(field.schema()).getType() == Type.FLOAT) {
                floating.add(record.getName() + "." + field.name());
            }
        });

        assertThat(floating).containsExactly("Deal.probability");
    }

    @Test
    void everyCrmRecordStartsWithTheSameEnvelope() {
        Schema reference = byName("Deal");
        for (String name : CRM_RECORDS) {
            Schema record = byName(name);
            for (int i = 0; i < ENVELOPE.size(); i++) {
                Schema.Field field = record.getFields().get(i);

                assertThat(field.name()).as(name).isEqualTo(ENVELOPE.get(i));
                assertThat(field.schema()).as(name + "." + field.name())
                        .isEqualTo(reference.getField(field.name()).schema());
            }
        }
    }

    private Schema byName(String simpleName) {
        return current.stream().filter(s -> s.getName().equals(simpleName)).findFirst().orElseThrow();
    }

    private static Schema nonNull(Schema schema) {
        return schema.isUnion() ? schema.getTypes().get(schema.getTypes().size() - 1) : schema;
    }

    private void forEachField(BiConsumer<Schema, Schema.Field> check) {
        forEachNamedType(schema -> {
            if (schema.getType() == Type.RECORD) {
                schema.getFields().forEach(field -> check.accept(schema, field));
            }
        });
    }

    /** Every record and enum reachable from a current schema, each once (by full name). */
    private void forEachNamedType(Consumer<Schema> check) {
        Set<String> seen = new HashSet<>();
        current.forEach(schema -> visit(schema, seen, check));
    }

    private static void visit(Schema schema, Set<String> seen, Consumer<Schema> check) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    check.accept(schema);
                    schema.getFields().forEach(f -> visit(f.schema(), seen, check));
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    check.accept(schema);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> visit(t, seen, check));
            case ARRAY -> visit(schema.getElementType(), seen, check);
            case MAP -> visit(schema.getValueType(), seen, check);
            default -> {
            }
        }
    }
}

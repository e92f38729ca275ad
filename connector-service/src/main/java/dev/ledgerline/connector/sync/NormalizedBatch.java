package dev.ledgerline.connector.sync;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;

/**
 * The canonical records of a page of CRM objects, and the objects that could not be normalised.
 *
 * @param missing the fields each record lacks, by external id; records that lack nothing are not listed
 */
public record NormalizedBatch<T>(List<T> records, List<Rejection> rejections, Map<String, Set<MissingField>> missing) {

    public NormalizedBatch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
        missing = Map.copyOf(missing);
    }

    /** What the record with this external id lacks; empty when it lacks nothing. */
    public Set<MissingField> missing(String externalId) {
        return missing.getOrDefault(externalId, Set.of());
    }

    /** How one CRM object becomes a record: null for an object deliberately not published; adds what it lacks. */
    public interface Mapper<O, T> {
        T map(O object, Set<MissingField> missing);
    }

    /**
     * Normalises object by object: an object the mapper refuses ({@link InvalidObject}, or a value the wire schema
     * cannot hold) becomes a {@link Rejection} with its raw form, and the rest of the page goes on.
     *
     * @param idOf  the object's id, null when it has none; must not fail
     * @param rawOf the object as the CRM sent it, for the dead letter
     */
    public static <O, T extends SpecificRecord> NormalizedBatch<T> of(String entity, List<O> objects,
            Function<O, String> idOf, Function<O, String> rawOf, Mapper<O, T> mapper) {
        List<T> records = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Map<String, Set<MissingField>> missingById = new HashMap<>();
        for (O object : objects) {
            try {
                Set<MissingField> missing = EnumSet.noneOf(MissingField.class);
                T record = mapper.map(object, missing);
                if (record != null) {
                    records.add(record);
                    if (!missing.isEmpty()) {
                        missingById.put((String) record.get(record.getSchema().getField("externalId").pos()),
                                Set.copyOf(missing));
                    }
                }
            } catch (InvalidObject | AvroRuntimeException invalid) {
                rejections.add(new Rejection(entity, idOf.apply(object), invalid.getMessage(), rawOf.apply(object)));
            }
        }
        return new NormalizedBatch<>(records, rejections, missingById);
    }
}

package dev.ledgerline.schemas;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model the serdes read and write generated classes with.
 *
 * <ul>
 *   <li>Bound to the class loader of the generated class. The generated classes' own model resolves classes through
 *       the thread context class loader, which in Kafka Streams threads under Quarkus test and dev mode is not that
 *       loader ({@code ClassCastException: X cannot be cast to IndexedRecord}).</li>
 *   <li>Decodes arrays into {@link ArrayList}s. Avro's own {@code GenericData.Array#equals} compares elements with
 *       the default model, which lacks the decimal conversion, so a decoded Deal with line items could not even be
 *       compared with {@code equals}; plain lists use the generated records' field-by-field {@code equals}.</li>
 * </ul>
 */
final class WireModel extends SpecificData {

    /** Corrupt input may announce billions of items; let the list grow as items are actually read. */
    private static final int MAX_INITIAL_CAPACITY = 1024;

    private WireModel(ClassLoader classLoader) {
        super(classLoader);
    }

    static WireModel forType(Class<? extends SpecificRecord> type) {
        WireModel model = new WireModel(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
        if (old instanceof Collection<?> reused) {
            reused.clear();
            return reused;
        }
        return new ArrayList<>(Math.min(size, MAX_INITIAL_CAPACITY));
    }
}

package dev.ledgerline.connector.sync;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

/**
 * One read of an entity, resumable from a cursor of its own ({@link #cursorKey()}: the entity's name for its main
 * stream). The run stores the cursor of an ordered page as soon as Kafka acknowledged it, and for unordered pages the
 * newest position once the whole read is published, so that a run killed in the middle loses nothing.
 */
public interface EntityStream {

    /** Where the stream's position is stored; the entity's name for its main stream. */
    String cursorKey();

    /**
     * The pages to publish, read lazily: from the stored position when there is one (an incremental read), else from
     * the start (a first or FULL run). A failure surfaces from the iterator's {@code hasNext()} or {@code next()}.
     */
    Iterator<StreamPage> pages(Optional<SyncCursor> from);

    /** How positions of this stream compare, to find the newest of an unordered read. */
    Comparator<SyncCursor> order();

    /** A stream whose pages {@code pages} reads from a position, compared by (modified time, id) or by {@code order}. */
    static EntityStream of(String cursorKey, Function<Optional<SyncCursor>, Iterator<StreamPage>> pages,
            Comparator<SyncCursor> order) {
        return new EntityStream() {
            @Override
            public String cursorKey() {
                return cursorKey;
            }

            @Override
            public Iterator<StreamPage> pages(Optional<SyncCursor> from) {
                return pages.apply(from);
            }

            @Override
            public Comparator<SyncCursor> order() {
                return order;
            }
        };
    }

    static EntityStream of(String cursorKey, Function<Optional<SyncCursor>, Iterator<StreamPage>> pages) {
        return of(cursorKey, pages, Comparator.comparing(SyncCursor::modifiedAt).thenComparing(SyncCursor::lastId));
    }
}

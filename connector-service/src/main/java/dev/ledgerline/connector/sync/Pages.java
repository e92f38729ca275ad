package dev.ledgerline.connector.sync;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/** Lazy page iterators for {@link EntityStream}s: each source page is fetched only when the run asks for it. */
public final class Pages {

    private Pages() {
    }

    /** The source's elements, each mapped when it is reached. */
    public static <A, B> Iterator<B> map(Iterator<A> source, Function<A, B> mapping) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public B next() {
                return mapping.apply(source.next());
            }
        };
    }

    /** The sources one after the other; a source is opened only once the one before it is exhausted. */
    public static <T> Iterator<T> concat(List<Supplier<Iterator<T>>> sources) {
        return new Iterator<>() {
            private int next;
            private Iterator<T> current;

            @Override
            public boolean hasNext() {
                while ((current == null || !current.hasNext()) && next < sources.size()) {
                    current = sources.get(next++).get();
                }
                return current != null && current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}

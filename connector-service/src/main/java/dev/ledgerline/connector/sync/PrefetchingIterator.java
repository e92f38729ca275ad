package dev.ledgerline.connector.sync;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads one element ahead on a thread of its own, so that fetching the next page from the CRM overlaps publishing
 * the current one: under a rate limit the request slots then go to requests, not to waiting for Kafka. A failure
 * of the source surfaces, unchanged, from the {@code hasNext()} or {@code next()} that reaches it.
 */
public final class PrefetchingIterator<T> implements Iterator<T>, AutoCloseable {
    private final Iterator<T> source;
    private final ExecutorService reader;
    private Future<Optional<T>> ahead;

    public PrefetchingIterator(Iterator<T> source, String threadName) {
        this.source = source;
        this.reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.ahead = readAhead();
    }

    @Override
    public boolean hasNext() {
        return await().isPresent();
    }

    @Override
    public T next() {
        T current = await().orElseThrow(NoSuchElementException::new);
        ahead = readAhead();
        return current;
    }

    /** Stops reading ahead, and closes a source that holds something open (a Bulk API job, say). */
    @Override
    public void close() {
        reader.shutdownNow();
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the page source", e);
            }
        }
    }

    private Future<Optional<T>> readAhead() {
        return reader.submit(() -> source.hasNext() ? Optional.of(source.next()) : Optional.empty());
    }

    private Optional<T> await() {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

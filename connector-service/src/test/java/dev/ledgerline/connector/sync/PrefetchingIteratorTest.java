package dev.ledgerline.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PrefetchingIteratorTest {

    @Test
    void deliversEveryElementInOrder() {
        List<Integer> seen = new ArrayList<>();
        try (var pages = new PrefetchingIterator<>(List.of(1, 2, 3).iterator(), "test-reader")) {
            pages.forEachRemaining(seen::add);
            assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void readsTheNextElementWhileTheCurrentOneIsProcessed() throws InterruptedException {
        CountDownLatch secondRead = new CountDownLatch(1);
        Iterator<Integer> source = new Iterator<>() {
            int next = 1;

            @Override
            public boolean hasNext() {
                return next <= 2;
            }

            @Override
            public Integer next() {
                if (next == 2) {
                    secondRead.countDown();
                }
                return next++;
            }
        };
        try (var pages = new PrefetchingIterator<>(source, "test-reader")) {
            assertThat(pages.next()).isEqualTo(1);
            // Nobody asked for the second element yet: it is read ahead.
            assertThat(secondRead.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pages.next()).isEqualTo(2);
        }
    }

    @Test
    void aFailureOfTheSourceSurfacesUnchanged() {
        Iterator<Integer> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new IllegalArgumentException("page 2 refused");
            }

            @Override
            public Integer next() {
                throw new AssertionError();
            }
        };
        try (var pages = new PrefetchingIterator<>(failing, "test-reader")) {
            assertThatThrownBy(pages::hasNext).isInstanceOf(IllegalArgumentException.class).hasMessage("page 2 refused");
        }
    }

    /** A source that holds something open (a Bulk API job) is closed with the reader, when a run stops early. */
    @Test
    void closingClosesASourceThatHoldsSomethingOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        class Job implements Iterator<Integer>, AutoCloseable {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return 1;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }
        try (var pages = new PrefetchingIterator<>(new Job(), "test-reader")) {
            assertThat(pages.next()).isEqualTo(1);
            assertThat(closed).isFalse();
        }
        assertThat(closed).isTrue();
    }
}

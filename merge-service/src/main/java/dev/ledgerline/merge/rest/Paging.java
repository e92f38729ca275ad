package dev.ledgerline.merge.rest;

import dev.ledgerline.rest.problem.ProblemException;
import java.util.List;

/** Paging of the list endpoints: {@code page} from 0, {@code size} 1 to 200 (default 50). */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 200;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ProblemException.badField("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.badField("size", "must be between 1 and " + MAX_SIZE);
        }
        return new Paging(p, s);
    }

    /** One page of a list and how many there are in all. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }
}

package dev.ledgerline.ledger.rest;

import java.util.List;

/** One page of a list that grows: {@code page} counts from 0; {@code totalItems} is the size of the whole list. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
}

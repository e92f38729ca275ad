package dev.ledgerline.connector.hubspot;

import java.util.List;

/** The canonical records of a page of HubSpot objects, and the objects that could not be normalised. */
public record NormalizedBatch<T>(List<T> records, List<Rejection> rejections) {

    public NormalizedBatch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
    }
}

package dev.ledgerline.kpi.topology;

import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Op;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest state of each deal. A sync may deliver an older version after a newer one (lookback
 * overlap, re-syncs), so a version older than the stored one is ignored; a DELETE or tombstone removes it.
 */
final class LatestDealProcessor implements Processor<String, Deal, Void, Void> {
    private KeyValueStore<String, Deal> latestDeals;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        latestDeals = context.getStateStore(KpiTopology.DEALS_LATEST_STORE);
    }

    @Override
    public void process(Record<String, Deal> record) {
        var key = record.key();
        if (key == null) {
            return;
        }
        var incoming = record.value();
        if (incoming == null || incoming.getOp() == Op.DELETE) {
            latestDeals.delete(key);
            return;
        }
        var stored = latestDeals.get(key);
        if (stored == null || !incoming.getSourceUpdatedAt().isBefore(stored.getSourceUpdatedAt())) {
            latestDeals.put(key, incoming);
        }
    }
}

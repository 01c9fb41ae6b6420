package dev.metarec.service;

import dev.metarec.port.contract.ItemStatsExactlyOnceContract;

/** The exactly-once protocol over the in-memory test doubles (the real adapters run the same suite in their modules). */
class InMemoryItemStatsExactlyOnceTest extends ItemStatsExactlyOnceContract {
    @Override
    protected Stores createStores() {
        InMemoryPorts ports = new InMemoryPorts();
        return new Stores(ports.events, ports.stats, ports.contributions);
    }
}

package dev.metarec.service;

import dev.metarec.port.CatalogStore;
import dev.metarec.port.contract.CatalogueRefreshContract;

/** The refresh contract over the in-memory test double. */
class InMemoryCatalogueRefreshTest extends CatalogueRefreshContract {
    @Override
    protected CatalogStore createStore() { return new InMemoryPorts().catalog; }
}

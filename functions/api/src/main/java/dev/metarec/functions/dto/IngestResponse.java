package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What an ingest changed: events newly stored, events already known (redeliveries), upserts. */
@RegisterForReflection
public record IngestResponse(int eventsStored, int eventsDuplicate, int itemsUpserted, int profilesUpserted) {}

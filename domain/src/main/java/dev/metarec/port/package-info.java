/**
 * Ports: what the domain services need from storage, as narrow interfaces. Adapters (DynamoDB, S3,
 * the embedded local store) live in the functions module. Every write is a single-item conditional
 * write where correctness depends on it (no transactions), and time is a parameter.
 * Lookups return {@code Optional}; adapters translate storage exceptions into {@link StoreException}
 * (keeping the cause) and lost conditional writes into a {@code false} or {@link ConflictException}.
 */
package dev.metarec.port;

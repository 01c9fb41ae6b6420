/**
 * Ports: what the domain services need from storage, as narrow interfaces. Adapters (DynamoDB, S3,
 * the embedded local store) live in {@code functions/stores}; each port has an abstract contract test
 * suite in the domain test-jar ({@code dev.metarec.port.contract}) that every adapter runs.
 * Every write where correctness depends on it is a single-item conditional write (no transactions),
 * and time is a parameter. Lookups return {@code Optional}; adapters translate storage exceptions into
 * {@link dev.metarec.port.StoreException} (keeping the cause) and lost conditional writes into a
 * {@code false} or a {@link dev.metarec.port.ConflictException}.
 */
package dev.metarec.port;

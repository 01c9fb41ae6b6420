/**
 * The HTTP functions (Quarkus Funqy): one class per function, each a few lines that check the caller
 * ({@link dev.metarec.functions.security.Callers}), build a domain command and call a domain service.
 * Deployed as one artifact behind API Gateway (each Lambda gets its own route) or run as a local server.
 */
package dev.metarec.functions;

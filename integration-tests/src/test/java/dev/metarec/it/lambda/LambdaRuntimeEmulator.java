package dev.metarec.it.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.metarec.it.harness.LoopbackPorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The AWS Lambda Runtime API (2018-06-01) on a loopback port: function processes started with
 * {@code AWS_LAMBDA_RUNTIME_API} pointing here long-poll {@code invocation/next}, get one event at a time
 * and post the response or error back, exactly as in Lambda. Several processes may poll the same emulator
 * (Lambda's concurrent execution environments); {@link #invoke} blocks until one of them has answered.
 */
public final class LambdaRuntimeEmulator implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";

    private record Invocation(String id, String event, CompletableFuture<String> result, CompletableFuture<Void> handedOut) {}

    /** How long an invocation may wait for a free environment before it is handed out (a busy or booting pool). */
    private static final Duration QUEUE_WAIT = Duration.ofMinutes(5);

    /** The function reported an error instead of a response (an unhandled exception). */
    public static final class FunctionErrorException extends RuntimeException {
        public FunctionErrorException(String body) { super("the function reported an error: " + body); }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingDeque<Invocation> pending = new LinkedBlockingDeque<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final AtomicInteger polling = new AtomicInteger();
    private volatile String initError;
    private volatile Supplier<String> diagnostics = () -> "";

    private final Duration functionTimeout;

    private LambdaRuntimeEmulator(HttpServer server, Duration functionTimeout) {
        this.server = server;
        this.functionTimeout = functionTimeout;
        server.setExecutor(threads);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** An emulator whose invocations have the API functions' timeout (the deadline each event carries). */
    public static LambdaRuntimeEmulator start() {
        return start(Duration.ofMinutes(1));
    }

    /** An emulator whose invocations carry a deadline {@code functionTimeout} after they are handed out. */
    public static LambdaRuntimeEmulator start(Duration functionTimeout) {
        try {
            return new LambdaRuntimeEmulator(HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), LoopbackPorts.free()), 64), functionTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Lambda runtime emulator", e);
        }
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() { return "127.0.0.1:" + server.getAddress().getPort(); }

    /** What a failure message adds about the environments (their liveness, the end of their logs). */
    public void diagnostics(Supplier<String> diagnostics) { this.diagnostics = diagnostics; }

    /** Waits until {@code environments} function processes are polling for events (booted and idle). */
    public void awaitPolling(int environments, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (polling.get() < environments) {
            if (initError != null) throw new IllegalStateException("the function failed to initialise: " + initError);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(polling.get() + " of " + environments + " environments polling after " + timeout + diagnostics.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Hands {@code event} to the next polling function and returns its response body (raw JSON). {@code timeout}
     * runs from the moment a function takes the event (its deadline), as in Lambda; waiting for a free environment
     * first is bounded separately (five minutes), since this emulator queues where Lambda would add environments.
     */
    public String invoke(String event, Duration timeout) {
        if (initError != null) throw new IllegalStateException("the function failed to initialise: " + initError);
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>(), new CompletableFuture<>());
        pending.add(invocation);
        try {
            try {
                invocation.handedOut().get(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (pending.remove(invocation)) {
                    throw new IllegalStateException("no function took the event within " + QUEUE_WAIT + " (" + state() + ")", e);
                }
            }
            return invocation.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            running.remove(invocation.id());
            throw new IllegalStateException("no function answered within " + timeout + " of taking the event (" + state() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String state() {
        return "init error: " + initError + "; " + polling.get() + " environments polling, " + pending.size() + " events queued, "
                + running.size() + " running" + diagnostics.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("invocation/next")) {
            next(exchange);
        } else if (path.equals("init/error")) {
            initError = new String(body, StandardCharsets.UTF_8);
            reply(exchange, 202, "{}");
        } else if (path.startsWith("invocation/")) {
            String[] parts = path.split("/");
            Invocation invocation = parts.length == 3 ? running.remove(parts[1]) : null;
            if (invocation == null) {
                reply(exchange, 404, "{\"errorMessage\":\"unknown invocation\"}");
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (parts[2].equals("response")) invocation.result().complete(text);
            else invocation.result().completeExceptionally(new FunctionErrorException(text));
            reply(exchange, 202, "{}");
        } else {
            reply(exchange, 404, "{}");
        }
    }

    /**
     * A function's long poll: blocks until an event is queued and hands it out. When the answer cannot be written
     * (the poller went away), the event goes back to the head of the queue for the next poller, so it is not lost.
     */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        polling.incrementAndGet();
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } finally {
            polling.decrementAndGet();
        }
        running.put(invocation.id(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:metarec-it");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        try {
            reply(exchange, 200, invocation.event());
        } catch (IOException pollerGone) {
            running.remove(invocation.id());
            pending.addFirst(invocation);
            throw pollerGone;
        }
        invocation.handedOut().complete(null);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        pending.forEach(i -> {
            i.handedOut().complete(null);
            i.result().completeExceptionally(new IllegalStateException("emulator closed"));
        });
        running.values().forEach(i -> i.result().completeExceptionally(new IllegalStateException("emulator closed")));
    }
}

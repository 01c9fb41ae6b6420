package dev.metarec.functions.http;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms per function and status class, exposed in the Prometheus
 * text format at {@code GET /metrics}. (In Lambda each container counts its own requests; the
 * per-request JSON log line carries the same figures for CloudWatch metric filters.)
 */
@Singleton
public class Metrics {
    private static final double[] BUCKETS_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500};

    private static final class Series {
        final LongAdder count = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS_MS.length];
        final AtomicLong sumMicros = new AtomicLong();

        Series() { for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder(); }
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public void record(String function, int status, long nanos) {
        Series s = series.computeIfAbsent(function + "|" + (status / 100) + "xx", k -> new Series());
        s.count.increment();
        double ms = nanos / 1e6;
        for (int i = 0; i < BUCKETS_MS.length; i++) if (ms <= BUCKETS_MS[i]) s.buckets[i].increment();
        s.sumMicros.addAndGet(nanos / 1000);
    }

    public String prometheus() {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE metarec_requests_seconds histogram\n");
        series.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] k = e.getKey().split("\\|");
            String labels = "function=\"" + k[0] + "\",status=\"" + k[1] + "\"";
            Series s = e.getValue();
            for (int i = 0; i < BUCKETS_MS.length; i++)
                out.append("metarec_requests_seconds_bucket{").append(labels).append(",le=\"").append(BUCKETS_MS[i] / 1000).append("\"} ").append(s.buckets[i].sum()).append('\n');
            out.append("metarec_requests_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(s.count.sum()).append('\n');
            out.append("metarec_requests_seconds_sum{").append(labels).append("} ").append(s.sumMicros.get() / 1e6).append('\n');
            out.append("metarec_requests_seconds_count{").append(labels).append("} ").append(s.count.sum()).append('\n');
        });
        return out.toString();
    }
}

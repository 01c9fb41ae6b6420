package dev.metarec.spark;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tables as DynamoDB's ExportTableToPointInTime does (DYNAMODB_JSON, gzip data files, manifest-summary.json,
 * manifest-files.json), with the attributes the table adapters store: for tests and the scale report.
 */
final class ExportWriter implements AutoCloseable {
    private final Path folder;
    private final String exportId;
    private final int files;
    private final List<Writer> writers = new ArrayList<>();
    private final long[] counts;
    private long next;

    /** Starts the export of one table under {@code root}/AWSDynamoDB/{@code exportId}/ in {@code files} data files. */
    ExportWriter(Path root, String exportId, int files) {
        this.folder = root.resolve("AWSDynamoDB").resolve(exportId);
        this.exportId = exportId;
        this.files = files;
        this.counts = new long[files];
        try {
            Files.createDirectories(folder.resolve("data"));
            for (int f = 0; f < files; f++)
                writers.add(new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dataFile(f)), 1 << 16), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder the job is pointed at. */
    Path folder() { return folder; }

    Path dataFile(int f) { return folder.resolve("data").resolve("part-" + f + ".json.gz"); }

    void event(Event e) {
        StringBuilder b = new StringBuilder(160).append("{\"Item\":{");
        s(b, "userId", e.userId()).append(',');
        s(b, "eventId", e.eventId()).append(',');
        s(b, "itemId", e.itemId()).append(',');
        s(b, "type", e.type().name()).append(',');
        if (e.value() != null) n(b, "value", Double.toString(e.value())).append(',');
        n(b, "ts", Long.toString(e.timestamp().toEpochMilli())).append(',');
        b.append("\"statsApplied\":{\"BOOL\":true}");
        line(b.append("}}").toString());
    }

    void item(Item i) {
        StringBuilder b = new StringBuilder(120).append("{\"Item\":{");
        s(b, "itemId", i.itemId()).append(',');
        attributes(b, i.attributes().values());
        line(b.append("}}").toString());
    }

    void profile(UserProfile p) {
        StringBuilder b = new StringBuilder(120).append("{\"Item\":{");
        s(b, "userId", p.userId()).append(',');
        attributes(b, p.attributes().values());
        line(b.append("}}").toString());
    }

    /** Writes a raw line into data file {@code f} (for malformed input). */
    void raw(int f, String line) {
        try {
            writers.get(f).write(line);
            writers.get(f).write('\n');
            counts[f]++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String line) { raw((int) (next++ % files), line); }

    @Override
    public void close() {
        try {
            for (Writer w : writers) w.close();
            StringBuilder manifest = new StringBuilder();
            long total = 0;
            for (int f = 0; f < files; f++) {
                total += counts[f];
                manifest.append("{\"itemCount\":").append(counts[f]).append(",\"md5Checksum\":\"-\",\"etag\":\"-\",\"dataFileS3Key\":\"exports/AWSDynamoDB/")
                        .append(exportId).append("/data/").append(dataFile(f).getFileName()).append("\"}\n");
            }
            Files.writeString(folder.resolve("manifest-files.json"), manifest);
            Files.writeString(folder.resolve("manifest-summary.json"), "{\"version\":\"2020-06-30\",\"exportArn\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/t/export/"
                    + exportId + "\",\"itemCount\":" + total + ",\"outputFormat\":\"DYNAMODB_JSON\",\"manifestFilesS3Key\":\"exports/AWSDynamoDB/"
                    + exportId + "/manifest-files.json\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder s(StringBuilder b, String name, String value) {
        return b.append('"').append(name).append("\":{\"S\":\"").append(escape(value)).append("\"}");
    }

    private static StringBuilder n(StringBuilder b, String name, String value) {
        return b.append('"').append(name).append("\":{\"N\":\"").append(value).append("\"}");
    }

    private static void attributes(StringBuilder b, Map<String, List<String>> values) {
        b.append("\"attributes\":{\"M\":{");
        boolean first = true;
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append('"').append(escape(e.getKey())).append("\":{\"L\":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) b.append(',');
                b.append("{\"S\":\"").append(escape(e.getValue().get(i))).append("\"}");
            }
            b.append("]}");
        }
        b.append("}}");
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }
}

package dev.metarec.spark;

import dev.metarec.adapter.dynamodb.DynamoDbExportRecords;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One table's export by {@code ExportTableToPointInTime} (format DYNAMODB_JSON), found by the folder that
 * holds its manifests: {@code <prefix>/AWSDynamoDB/<exportId>/}, on S3 ({@code s3://...}) or any other
 * Hadoop file system (a local folder in tests). {@code manifest-summary.json} gives the item count and the
 * key of {@code manifest-files.json}, which lists one gzip data file per line ({@code dataFileS3Key}).
 *
 * @param table    the table's role ("events", "items", "profiles"), for messages
 * @param folder   the export's folder (where manifest-summary.json is)
 * @param files    the data files, in manifest order
 * @param items    the item count the summary states
 */
public record DynamoDbExport(String table, String folder, List<String> files, long items) implements Serializable {
    static final String SUMMARY = "manifest-summary.json";

    /** Reads the manifests; a missing or unreadable manifest is an {@link ExportFormatException} naming the file. */
    public static DynamoDbExport open(String table, String folder, Configuration hadoop) {
        String base = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        String summaryPath = base + "/" + SUMMARY;
        JsonNode summary = json(table, summaryPath, read(table, summaryPath, hadoop));
        long items = summary.field("itemCount").filter(JsonNode::isNumber).map(n -> Long.parseLong(n.asNumber()))
                .orElseThrow(() -> new ExportFormatException(table + " export: " + summaryPath + " has no itemCount"));
        String format = summary.field("outputFormat").filter(JsonNode::isString).map(JsonNode::asString).orElse("DYNAMODB_JSON");
        if (!format.equals("DYNAMODB_JSON"))
            throw new ExportFormatException(table + " export: " + summaryPath + " says outputFormat " + format + "; only DYNAMODB_JSON is read");
        String filesKey = summary.field("manifestFilesS3Key").filter(JsonNode::isString).map(JsonNode::asString)
                .orElseThrow(() -> new ExportFormatException(table + " export: " + summaryPath + " has no manifestFilesS3Key"));
        String filesPath = base + "/" + fileName(filesKey);
        List<String> files = new ArrayList<>();
        int line = 0;
        for (String l : read(table, filesPath, hadoop).split("\n")) {
            line++;
            if (l.isBlank()) continue;
            String where = filesPath + " line " + line;
            JsonNode entry = json(table, where, l);
            String key = entry.field("dataFileS3Key").filter(JsonNode::isString).map(JsonNode::asString)
                    .orElseThrow(() -> new ExportFormatException(table + " export: " + where + " has no dataFileS3Key"));
            int data = key.lastIndexOf("/data/");
            if (data < 0) throw new ExportFormatException(table + " export: " + where + ": '" + key + "' is not under data/");
            files.add(base + key.substring(data));
        }
        return new DynamoDbExport(table, base, List.copyOf(files), items);
    }

    /** Receives the records of a data file with their line numbers. */
    public interface RecordSink { void accept(int line, Map<String, AttributeValue> item); }

    /**
     * Reads one data file (gzip when it ends in .gz), line by line. A line that is not a DynamoDB export record,
     * or that the sink refuses, is an {@link ExportFormatException} naming the file and the line.
     */
    public static void readFile(String table, String file, Configuration hadoop, RecordSink sink) {
        Path path = new Path(URI.create(file));
        try (InputStream raw = path.getFileSystem(hadoop).open(path);
             InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            int line = 0;
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                line++;
                if (l.isBlank()) continue;
                try {
                    sink.accept(line, DynamoDbExportRecords.item(l));
                } catch (ExportFormatException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ExportFormatException(table + " export: " + file + " line " + line + ": " + e.getMessage(), e);
                }
            }
        } catch (FileNotFoundException e) {
            throw new ExportFormatException(table + " export: data file " + file + " listed in the manifest is missing", e);
        } catch (IOException e) {
            throw new ExportFormatException(table + " export: can't read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(String table, String file, Configuration hadoop) {
        Path path = new Path(URI.create(file));
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) throw new ExportFormatException(table + " export: " + file + " is missing (is this the export's AWSDynamoDB/<exportId>/ folder, and did the export finish?)");
            try (InputStream in = fs.open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can't read " + file, e);
        }
    }

    private static JsonNode json(String table, String where, String text) {
        try {
            JsonNode n = JsonNode.parser().parse(text);
            if (!n.isObject()) throw new ExportFormatException(table + " export: " + where + " is not a JSON object");
            return n;
        } catch (ExportFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExportFormatException(table + " export: " + where + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String fileName(String key) { return key.substring(key.lastIndexOf('/') + 1); }
}

package dev.metarec.eval.data;

import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GenericDatasetTest {

    @TempDir Path dir;

    @Test
    void csv_withInferredSchema() throws IOException {
        Files.writeString(dir.resolve("events.csv"), "userId,itemId,type,value,timestamp\n"
                + "a,x,RATING,4,2024-01-01T10:00:00Z\nb,y,click,,1704103200\na,z,,,1704103200000\n");
        Files.writeString(dir.resolve("items.csv"), "itemId,releasedAt,genre,brand,price\nx,2023-05-01T00:00:00Z,rock|pop,acme,9.5\ny,,jazz,zed,12\n");
        Files.writeString(dir.resolve("users.csv"), "userId,country\na,DE\n");
        Dataset d = GenericDataset.load(dir);
        assertEquals(3, d.items().size(), "z is known from events only");
        assertEquals(2, d.users().size(), "b has no profile but events");
        assertEquals(List.of(FeatureSpec.multi("genre"), FeatureSpec.categorical("brand"), FeatureSpec.numeric("price", 8)), d.itemFeatures());
        assertEquals(List.of(FeatureSpec.categorical("country")), d.userFeatures());
        Event first = d.events().get(0);
        assertEquals(EventType.RATING, first.type());
        assertEquals(4.0, first.value());
        assertEquals(EventType.CLICK, d.events().get(1).type());
        assertEquals(d.events().get(1).timestamp(), d.events().get(2).timestamp(), "epoch seconds and epoch millis agree");
        assertEquals(Instant.parse("2023-05-01T00:00:00Z"), d.itemsById().get("x").releasedAt());
    }

    @Test
    void jsonl_withSchemaFile() throws IOException {
        Files.writeString(dir.resolve("events.jsonl"), "{\"userId\":\"a\",\"itemId\":\"x\",\"type\":\"VIEW\",\"timestamp\":\"2024-01-01T10:00:00Z\"}\n"
                + "{\"userId\":\"a\",\"itemId\":\"y\",\"type\":\"PURCHASE\",\"value\":2,\"timestamp\":1704103200}\n");
        Files.writeString(dir.resolve("items.jsonl"), "{\"itemId\":\"x\",\"attributes\":{\"genre\":[\"rock\"],\"size\":3}}\n{\"itemId\":\"y\",\"attributes\":{\"genre\":[\"pop\",\"rock\"],\"size\":4}}\n");
        Files.writeString(dir.resolve("schema.csv"), "side,attribute,kind,buckets\nitem,genre,multi\nitem,size,categorical\n");
        Dataset d = GenericDataset.load(dir);
        assertEquals(List.of(FeatureSpec.multi("genre"), FeatureSpec.categorical("size")), d.itemFeatures());
        assertEquals(Map.of("genre", List.of("pop", "rock"), "size", List.of("4")), d.itemsById().get("y").attributes().values());
        assertFalse(d.explicit());
    }

    @Test
    void badRows_nameFileAndLine() throws IOException {
        Files.writeString(dir.resolve("events.csv"), "userId,itemId,type,value,timestamp\na,x,RATING,4,2024-01-01T10:00:00Z\na,y,RATING,4,yesterday\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> GenericDataset.load(dir));
        assertTrue(e.getMessage().contains("events.csv line 3") && e.getMessage().contains("timestamp"), e.getMessage());
        Files.writeString(dir.resolve("events.csv"), "userId,itemId,type,value,timestamp\na,x,LIKE,4,2024-01-01T10:00:00Z\n");
        e = assertThrows(DataFormatException.class, () -> GenericDataset.load(dir));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("type must be one of"), e.getMessage());
        Files.writeString(dir.resolve("events.csv"), "userId,itemId,type,value,timestamp\na,x,RATING,,2024-01-01T10:00:00Z\n");
        e = assertThrows(DataFormatException.class, () -> GenericDataset.load(dir));
        assertTrue(e.getMessage().contains("needs a value"), e.getMessage());
        Files.delete(dir.resolve("events.csv"));
        Files.writeString(dir.resolve("events.jsonl"), "{\"userId\":\"a\",\"itemId\":\"x\",\"timestamp\":1}\n{\"userId\": \"a\", \"itemId\" 3}\n");
        e = assertThrows(DataFormatException.class, () -> GenericDataset.load(dir));
        assertTrue(e.getMessage().contains("events.jsonl line 2") && e.getMessage().contains("JSON"), e.getMessage());
    }

    @Test
    void missingEvents_isNamed() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> GenericDataset.load(dir));
        assertTrue(e.getMessage().contains("events.csv or events.jsonl"), e.getMessage());
    }
}

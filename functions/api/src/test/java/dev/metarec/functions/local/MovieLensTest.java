package dev.metarec.functions.local;

import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The --movielens option's reader, on small hand-written files in both formats (no real data needed). */
class MovieLensTest {
    @TempDir Path dir;

    private void write(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines), StandardCharsets.ISO_8859_1);
    }

    @Test
    void read_shouldLoadTheMovieLens1mFormat_withAndWithoutTimestamps() throws IOException {
        write("movies.dat", "1::Toy Story (1995)::Animation|Children's|Comedy", "2::Jumanji (1995)::Adventure|Children's|Fantasy");
        write("users.dat", "1::F::1::10::48067");
        write("ratings.dat", "1::1::5::978300760", "1::2::3");
        DemoData d = MovieLens.read(dir);
        assertEquals(2, d.items().size());
        assertEquals(List.of("Animation", "Children's", "Comedy"), d.items().get(0).attributes().get("genre"));
        assertEquals(List.of("1995"), d.items().get(0).attributes().get("year"));
        assertEquals(List.of("F"), d.profiles().get(0).attributes().get("gender"));
        assertEquals(2, d.events().size());
        assertEquals(EventType.RATING, d.events().get(0).type());
        assertEquals(5.0, d.events().get(0).value());
        assertEquals(Instant.ofEpochSecond(978300760), d.events().get(0).timestamp());
        assertEquals("1", d.events().get(1).userId());
    }

    @Test
    void read_shouldLoadTheMovieLens100kFormat() throws IOException {
        String flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
        write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x" + flags);
        write("u.user", "1|24|M|technician|85711");
        write("u.data", "1\t1\t4\t874965758");
        DemoData d = MovieLens.read(dir);
        assertEquals(List.of("Animation", "Children's", "Comedy"), d.items().get(0).attributes().get("genre"));
        assertEquals(List.of("18"), d.profiles().get(0).attributes().get("age"));
        assertEquals(4.0, d.events().get(0).value());
    }

    @Test
    void read_shouldNameWhatIsMissing() {
        IOException e = assertThrows(IOException.class, () -> MovieLens.read(dir));
        assertTrue(e.getMessage().contains("ratings.dat"));
    }
}

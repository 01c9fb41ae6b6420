package dev.metarec.functions.local;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void read_shouldLoadTheCsvFormatOfMlLatestSmall_quotedTitlesAndHalfStars() throws IOException {
        Files.write(dir.resolve("movies.csv"), List.of("movieId,title,genres",
                "11,\"American President, The (1995)\",Comedy|Drama|Romance",
                "7789,\"11'09\"\"01 - September 11 (2002)\",Drama",
                "40697,Babylon 5,Sci-Fi",
                "114335,La cravate (1957),(no genres listed)"), StandardCharsets.UTF_8);
        Files.write(dir.resolve("ratings.csv"), List.of("userId,movieId,rating,timestamp", "1,11,4.5,964982703", "2,40697,0.5,964981247"), StandardCharsets.UTF_8);
        DemoData d = MovieLens.read(dir);
        assertEquals(List.of("11", "7789", "40697", "114335"), d.items().stream().map(i -> i.itemId()).toList());
        assertEquals(List.of("Comedy", "Drama", "Romance"), d.items().get(0).attributes().get("genre"));
        assertEquals(List.of("1995"), d.items().get(0).attributes().get("year"), "the year of a quoted title holding a comma");
        assertEquals(List.of("2002"), d.items().get(1).attributes().get("year"), "a quote inside the quoted title");
        assertEquals(List.of("Drama"), d.items().get(1).attributes().get("genre"));
        assertTrue(d.items().get(2).attributes().get("year").isEmpty(), "no year in the title: no year attribute");
        assertTrue(d.items().get(3).attributes().get("genre").isEmpty(), "(no genres listed) is no genre");
        assertTrue(d.profiles().isEmpty());
        assertEquals(2, d.events().size());
        assertEquals(4.5, d.events().get(0).value());
        assertEquals(0.5, d.events().get(1).value());
        assertEquals("40697", d.events().get(1).itemId());
        assertEquals(Instant.ofEpochSecond(964981247), d.events().get(1).timestamp());
    }

    @Test
    void read_shouldNameWhatIsMissing() {
        IOException e = assertThrows(IOException.class, () -> MovieLens.read(dir));
        assertTrue(e.getMessage().contains("ratings.dat") && e.getMessage().contains("ratings.csv"), e.getMessage());
    }

    @Test
    void shiftTo_shouldMoveEveryEventBySameAmount_soThatTheLatestIsNow() throws IOException {
        write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
                "2|GoldenEye (1995)|01-Jan-1995||http://x|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0");
        write("u.user", "1|24|M|technician|85711", "2|53|F|other|94043");
        write("u.data", "1\t1\t5\t874965758", "1\t2\t3\t876893171", "2\t1\t4\t881250949");
        DemoData d = MovieLens.read(dir);
        Instant now = Instant.parse("2026-12-07T23:30:00Z");
        DemoData moved = d.shiftedBy(d.shiftTo(now));
        assertEquals(Duration.between(Instant.ofEpochSecond(881250949), now), d.shiftTo(now));
        assertEquals(List.of(Instant.ofEpochSecond(874965758).plus(d.shiftTo(now)), Instant.ofEpochSecond(876893171).plus(d.shiftTo(now)), now),
                moved.events().stream().map(Event::timestamp).toList(), "the latest event is now, the gaps are kept");
        for (int i = 0; i < d.events().size(); i++) {
            var before = d.events().get(i);
            var after = moved.events().get(i);
            assertEquals(List.of(before.eventId(), before.userId(), before.itemId(), before.type(), before.value()),
                    List.of(after.eventId(), after.userId(), after.itemId(), after.type(), after.value()), "only the time moves");
        }
        assertSame(moved, moved.shiftedBy(moved.shiftTo(now)), "data that already end now are kept as they are");
        assertEquals(d.items(), moved.items());
    }
}

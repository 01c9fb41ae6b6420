package dev.metarec.eval.data;

import dev.metarec.features.FeatureKind;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MovieLensLoadersTest {

    @TempDir Path dir;

    private void write(String name, String text, Charset cs) throws IOException { Files.writeString(dir.resolve(name), text, cs); }

    private static String flags(int... on) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 19; g++) {
            boolean set = false;
            for (int x : on) set |= x == g;
            b.append('|').append(set ? 1 : 0);
        }
        return b.toString();
    }

    private void write100k() throws IOException {
        write("u.item", "1|Café Society (1995)|01-Jan-1995||http://x" + flags(3, 5) + "\n"
                + "2|Later (1998)|15-Mar-1998||http://y" + flags(8) + "\n"
                + "3|Unknown|||http://z" + flags(0) + "\n", StandardCharsets.ISO_8859_1);
        write("u.user", "1|24|M|technician|85711\n2|53|F|other|T8H1N\n", StandardCharsets.ISO_8859_1);
        write("u.data", "1\t1\t5\t881250949\n2\t2\t3\t881250000\n1\t2\t4\t881250950\n", StandardCharsets.ISO_8859_1);
    }

    @Test
    void ml100k_loadsItemsUsersAndRatings() throws IOException {
        write100k();
        Dataset d = MovieLens100k.load(dir);
        assertEquals(3, d.items().size());
        assertEquals(2, d.users().size());
        assertEquals(3, d.events().size());
        Item first = d.itemsById().get("1");
        assertEquals(List.of("Animation", "Comedy"), first.attributes().get("genre"));
        assertEquals(List.of("1995"), first.attributes().get("year"));
        assertEquals(Instant.parse("1998-03-15T00:00:00Z"), d.itemsById().get("2").releasedAt());
        assertNull(d.itemsById().get("3").releasedAt());
        assertEquals(List.of("T"), d.usersById().get("2").attributes().get("zip"));
        assertEquals(List.of("24"), d.usersById().get("1").attributes().get("age"));
        Event earliest = d.events().get(0);
        assertEquals("2", earliest.userId());
        assertEquals(3.0, earliest.value());
        assertEquals(FeatureKind.MULTI, d.itemFeatures().get(0).kind());
        assertTrue(d.explicit());
    }

    @Test
    void ml100k_badRow_namesFileAndLine() throws IOException {
        write100k();
        write("u.data", "1\t1\t5\t881250949\n2\t2\tfive\t881250000\n", StandardCharsets.ISO_8859_1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens100k.load(dir));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("u.data line 2") && e.getMessage().contains("rating"), e.getMessage());
        write("u.data", "1\t1\t5\n", StandardCharsets.ISO_8859_1);
        e = assertThrows(DataFormatException.class, () -> MovieLens100k.load(dir));
        assertTrue(e.getMessage().contains("u.data line 1") && e.getMessage().contains("expected 4"), e.getMessage());
    }

    private void write1m(String ratings) throws IOException {
        write("users.dat", "1::F::18::12::95319\n2::M::1::17::22337\n", StandardCharsets.ISO_8859_1);
        write("movies.dat", "10::Amélie (2001)::Comedy|Romance\n20::Old (1994)::Drama\n", StandardCharsets.ISO_8859_1);
        write("ratings.dat", ratings, StandardCharsets.ISO_8859_1);
    }

    @Test
    void ml1m_acceptsRatingsWithAndWithoutTimestamp() throws IOException {
        write1m("1::10::4::956705509\n2::20::2::956705000\n");
        Dataset timed = MovieLens1m.load(dir);
        assertEquals("2", timed.events().get(0).userId());
        assertEquals(Instant.ofEpochSecond(956705000), timed.events().get(0).timestamp());
        write1m("1::10::4\n2::20::2\n");
        Dataset untimed = MovieLens1m.load(dir);
        assertEquals("1", untimed.events().get(0).userId(), "file order is kept as time order");
        assertEquals(List.of("Comedy", "Romance"), untimed.itemsById().get("10").attributes().get("genre"));
        assertEquals(List.of("2001"), untimed.itemsById().get("10").attributes().get("year"));
        assertEquals(List.of("18"), untimed.usersById().get("1").attributes().get("age"));
        assertTrue(untimed.meluSplit().isEmpty());
        assertEquals(2, untimed.itemFeatures().size());
    }

    @Test
    void ml1m_withMeluSideInformationAndSplitFiles() throws IOException {
        write1m("1::10::4::956705509\n2::20::2::956705000\n");
        write("movies_extrainfos.dat", "10::Amélie::2001::R::25 Apr 2001::Comedy, Romance::Jean-Pierre Jeunet::W::Audrey Tautou, Mathieu Kassovitz::p::N/A\r\n"
                + "20::Old::1994::nan::N/A::Drama::N/A::W::nan::p::N/A\r\n", StandardCharsets.UTF_8);
        write("warm_state.json", "{\"1\": [\"10\", \"20\"]}", StandardCharsets.UTF_8);
        write("warm_state_y.json", "{\"1\": [4, 2]}", StandardCharsets.UTF_8);
        Dataset d = MovieLens1m.load(dir);
        Item amelie = d.itemsById().get("10");
        assertEquals(List.of("R"), amelie.attributes().get("rate"));
        assertEquals(List.of("Audrey Tautou", "Mathieu Kassovitz"), amelie.attributes().get("actors"));
        assertEquals(List.of("Jean-Pierre Jeunet"), amelie.attributes().get("director"));
        assertEquals(Instant.parse("2001-04-25T00:00:00Z"), amelie.releasedAt());
        Item old = d.itemsById().get("20");
        assertTrue(old.attributes().get("rate").isEmpty(), "nan is missing");
        assertTrue(old.attributes().get("director").isEmpty(), "N/A is missing");
        assertEquals(5, d.itemFeatures().size());
        MeluSplit split = d.meluSplit().orElseThrow();
        assertEquals(List.of(new MeluSplit.Rated("10", 4), new MeluSplit.Rated("20", 2)), split.state("warm_state").get("1"));
    }

    @Test
    void ml1m_splitWithMisalignedRatings_isRejected() throws IOException {
        write1m("1::10::4::956705509\n");
        write("user_cold_state.json", "{\"1\": [\"10\", \"20\"]}", StandardCharsets.UTF_8);
        write("user_cold_state_y.json", "{\"1\": [4]}", StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens1m.load(dir));
        assertTrue(e.getMessage().contains("user_cold_state_y.json") && e.getMessage().contains("2 items but 1 ratings"), e.getMessage());
    }

    @Test
    void ml1m_badUserRow_namesFileAndLine() throws IOException {
        write1m("1::10::4::956705509\n");
        write("users.dat", "1::F::18::12::95319\n2::X::1::17::22337\n", StandardCharsets.ISO_8859_1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens1m.load(dir));
        assertTrue(e.getMessage().contains("users.dat line 2") && e.getMessage().contains("Gender"), e.getMessage());
    }

    @Test
    void latestSmall_readsQuotedTitlesAndHalfStars() throws IOException {
        write("movies.csv", "movieId,title,genres\n11,\"American President, The (1995)\",Comedy|Drama|Romance\n12,Nothing (2010),(no genres listed)\n", StandardCharsets.UTF_8);
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,11,4.5,964982703\n1,12,0.5,964982704\n", StandardCharsets.UTF_8);
        Dataset d = MovieLensLatestSmall.load(dir);
        Item president = d.itemsById().get("11");
        assertEquals(List.of("1995"), president.attributes().get("year"));
        assertEquals(List.of("Comedy", "Drama", "Romance"), president.attributes().get("genre"));
        assertTrue(d.itemsById().get("12").attributes().get("genre").isEmpty());
        assertEquals(4.5, d.events().get(0).value());
        assertTrue(d.userFeatures().isEmpty());
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,11,7,964982703\n", StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLensLatestSmall.load(dir));
        assertTrue(e.getMessage().contains("ratings.csv line 2") && e.getMessage().contains("[0.5, 5]"), e.getMessage());
    }

    @Test
    void missingFile_isNamed() {
        Exception e = assertThrows(RuntimeException.class, () -> MovieLens100k.load(dir));
        assertTrue(e.getMessage().contains("u.item"), e.getMessage());
    }
}

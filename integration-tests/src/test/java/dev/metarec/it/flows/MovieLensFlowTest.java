package dev.metarec.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway.Token;
import dev.metarec.it.lambda.MetaTrainFunction;
import dev.metarec.it.lambda.MetarecFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Flow 1 on a MovieLens 100K subset, only when {@code -Dmetarec.it.movielens=<ml-100k directory>} is given
 * (the data may not be redistributed, so it is never in the default run): catalogue with genres and
 * release dates, user profiles, the ratings of the first {@code metarec.it.movielens.users} users (default
 * 150) through the ingest function; the meta-train function; then a new user who rated five comedies
 * gets more comedies in the top 10 than a newcomer.
 */
@ExtendWith(AwsServersExtension.class)
class MovieLensFlowTest {
    private static final String[] GENRES = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};

    @Test
    void comedyFan_onMovieLens100k(AwsServers servers) throws IOException {
        String dir = System.getProperty("metarec.it.movielens");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "set -Dmetarec.it.movielens=<ml-100k directory> to run");
        int users = Integer.getInteger("metarec.it.movielens.users", 150);
        Path ml = Path.of(dir);
        Map<String, List<String>> genres = new HashMap<>();
        List<ObjectNode> items = new ArrayList<>();
        for (String line : Files.readAllLines(ml.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
            String[] f = line.split("\\|", -1);
            if (f.length < 24) continue;
            List<String> g = new ArrayList<>();
            for (int i = 0; i < 19; i++) if (f[5 + i].equals("1")) g.add(GENRES[i]);
            String id = "ml-" + f[0];
            genres.put(id, g);
            ObjectNode item = ApiClient.object();
            item.put("itemId", id);
            ArrayNode values = item.putObject("attributes").putArray("genre");
            g.forEach(values::add);
            items.add(item);
        }
        AwsServers.Namespace ns = servers.freshNamespace("movielens");
        Map<String, String> config = MetarecFunctions.configuration(servers, ns);
        try (MetarecFunctions functions = MetarecFunctions.start(1, config)) {
            ApiClient api = new ApiClient(functions.gateway());
            for (int from = 0; from < items.size(); from += 500) {
                ObjectNode body = ApiClient.object();
                body.putArray("items").addAll(items.subList(from, Math.min(items.size(), from + 500)));
                api.ok("/ingest", body, ApiClient.ADMIN);
            }
            List<GenreWorld.Rating> ratings = new ArrayList<>();
            for (String line : Files.readAllLines(ml.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split("\t");
                if (Integer.parseInt(f[0]) > users) continue;
                ratings.add(new GenreWorld.Rating("ml-" + f[0] + "-" + f[1], "ml-user-" + f[0], "ml-" + f[1], Double.parseDouble(f[2]),
                        Instant.ofEpochSecond(Long.parseLong(f[3]))));
            }
            api.ingestRatings(ratings, ApiClient.ADMIN);
            config.put("metarec.training.size", "demo");
            JsonNode trained;
            try (MetaTrainFunction metaTrain = MetaTrainFunction.start(config)) {
                trained = metaTrain.scheduled();
                for (int i = 0; i < 10 && trained.path("status").asText().equals("IN_PROGRESS"); i++) trained = metaTrain.scheduled();
            }
            assertEquals("PROMOTED", trained.path("status").asText(), trained.toString());

            Set<String> comedies = new HashSet<>();
            genres.forEach((id, g) -> { if (g.contains("Comedy")) comedies.add(id); });
            List<String> support = comedies.stream().sorted().limit(5).toList();
            Token fan = Token.user("ml-comedy-fan");
            List<GenreWorld.Rating> fanRatings = new ArrayList<>();
            for (int i = 0; i < support.size(); i++) fanRatings.add(new GenreWorld.Rating("fan-" + i, "ml-comedy-fan", support.get(i), 5.0,
                    Instant.parse("1998-05-01T00:00:00Z").plusSeconds(i)));
            api.ingestRatings(fanRatings, fan);
            api.ok("/adapt", ApiClient.user("ml-comedy-fan"), fan);
            long fanComedies = ApiClient.itemIds(api.recommend("ml-comedy-fan", 10, fan)).stream().filter(comedies::contains).count();
            long newcomerComedies = ApiClient.itemIds(api.recommend("ml-newcomer", 10, Token.user("ml-newcomer"))).stream().filter(comedies::contains).count();
            System.out.printf("[figure] MovieLens 100K (%d users, %d ratings): comedies in the top 10 of a 5-comedy user %d, of a newcomer %d%n",
                    users, ratings.size(), fanComedies, newcomerComedies);
            assertTrue(fanComedies > newcomerComedies);
        }
    }
}

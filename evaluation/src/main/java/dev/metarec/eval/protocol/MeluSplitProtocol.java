package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.MeluSplit;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * MeLU's published split files used as they are: {@code warm_state} gives the training tasks (a seeded
 * share of its users held out for validation), {@code user_cold_state}, {@code item_cold_state} and
 * {@code user_and_item_cold_state} the three test scenarios. Users with 13-100 ratings in a file become
 * tasks; the query is {@code querySize} random ratings (the files carry no time), the rest the support.
 */
public record MeluSplitProtocol(double validationFraction, int minRatings, int maxRatings, int querySize) {

    public static MeluSplitProtocol melu() { return new MeluSplitProtocol(0.1, 13, 100, 10); }

    public EvalSplit split(Dataset data, long seed) {
        MeluSplit files = data.meluSplit().orElseThrow(() -> new IllegalArgumentException(
                "data set " + data.name() + " has no MeLU split files (warm_state.json ...); use the MeLU protocol on raw ratings instead"));
        Random rng = new Random(seed);
        Map<String, Item> items = data.itemsById();
        Map<String, UserProfile> users = data.usersById();
        List<UserTask> warm = tasks(files.state("warm_state"), items, users, rng, "warm_state");
        Collections.shuffle(warm, rng);
        int nValidation = (int) Math.round(warm.size() * validationFraction);
        Map<String, List<UserTask>> scenarios = new LinkedHashMap<>();
        scenarios.put(MeluProtocol.NEW_USER_EXISTING_ITEM, tasks(files.state("user_cold_state"), items, users, rng, "user_cold_state"));
        scenarios.put(MeluProtocol.EXISTING_USER_NEW_ITEM, tasks(files.state("item_cold_state"), items, users, rng, "item_cold_state"));
        scenarios.put(MeluProtocol.NEW_USER_NEW_ITEM, tasks(files.state("user_and_item_cold_state"), items, users, rng, "user_and_item_cold_state"));
        return new EvalSplit(warm.subList(nValidation, warm.size()), warm.subList(0, nValidation), scenarios);
    }

    private List<UserTask> tasks(Map<String, List<MeluSplit.Rated>> state, Map<String, Item> items, Map<String, UserProfile> users, Random rng, String name) {
        List<UserTask> out = new ArrayList<>();
        for (Map.Entry<String, List<MeluSplit.Rated>> e : state.entrySet()) {
            List<MeluSplit.Rated> r = e.getValue();
            if (r.size() < minRatings || r.size() > maxRatings) continue;
            List<Rated> rated = new ArrayList<>();
            for (int k = 0; k < r.size(); k++) {
                Item item = items.get(r.get(k).itemId());
                if (item == null) throw new IllegalArgumentException(name + ": user " + e.getKey() + " rates movie " + r.get(k).itemId() + " which is not in movies.dat");
                rated.add(new Rated(item, r.get(k).rating(), Instant.EPOCH.plusSeconds(k)));
            }
            UserProfile user = users.getOrDefault(e.getKey(), new UserProfile(e.getKey(), null));
            out.add(MeluProtocol.randomTask(user, rated, querySize, rng));
        }
        return out;
    }
}

package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * MeLU's cold-start protocol (Lee et al., "MeLU: Meta-Learned User Preference Estimator for Cold-Start
 * Recommendation", KDD 2019), rebuilt from raw ratings: items released at or after {@code newFrom}
 * are new, the rest (and items without a release date) existing; users are split at random into training users ({@code trainFraction}) and
 * new users; a user's ratings within one scenario become a task when there are {@code minRatings} to
 * {@code maxRatings} of them; {@code querySize} random ones are the query, the rest the support.
 * Scenarios: new users x existing items, existing users x new items, new users x new items. Training
 * tasks are existing users x existing items; {@code validationFraction} of the training users are held
 * out as validation tasks (new-user style) for choosing hyper-parameters and stopping.
 */
public record MeluProtocol(Instant newFrom, double trainFraction, double validationFraction, int minRatings, int maxRatings, int querySize) {

    public static final String NEW_USER_EXISTING_ITEM = "new-user/existing-item";
    public static final String EXISTING_USER_NEW_ITEM = "existing-user/new-item";
    public static final String NEW_USER_NEW_ITEM = "new-user/new-item";
    public static final List<String> SCENARIOS = List.of(NEW_USER_EXISTING_ITEM, EXISTING_USER_NEW_ITEM, NEW_USER_NEW_ITEM);

    public MeluProtocol {
        java.util.Objects.requireNonNull(newFrom, "newFrom");
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("trainFraction must be in (0, 1), was " + trainFraction);
        if (!(validationFraction >= 0 && validationFraction < 1)) throw new IllegalArgumentException("validationFraction must be in [0, 1), was " + validationFraction);
        if (querySize < 1) throw new IllegalArgumentException("querySize must be >= 1, was " + querySize);
        if (minRatings <= querySize) throw new IllegalArgumentException("minRatings must exceed querySize " + querySize + " so every task has support, was " + minRatings);
        if (maxRatings < minRatings) throw new IllegalArgumentException("maxRatings must be >= minRatings " + minRatings + ", was " + maxRatings);
    }

    /** MeLU's settings with the given first "new" release year (1997 on MovieLens 100K, 1998 on MovieLens-1M). */
    public static MeluProtocol melu(int newFromYear) { return melu(LocalDate.of(newFromYear, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant()); }

    public static MeluProtocol melu(Instant newFrom) { return new MeluProtocol(newFrom, 0.8, 0.1, 13, 100, 10); }

    public boolean isNew(Item item) { return item.releasedAt() != null && !item.releasedAt().isBefore(newFrom); }

    public EvalSplit split(Dataset data, long seed) {
        Random rng = new Random(seed);
        Map<String, Item> items = data.itemsById();
        Map<String, List<Rated>> existing = new LinkedHashMap<>(), fresh = new LinkedHashMap<>();
        for (Event e : data.events()) {
            if (e.type() != EventType.RATING) continue;
            Item item = items.get(e.itemId());
            (isNew(item) ? fresh : existing).computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(new Rated(item, e.value(), e.timestamp()));
        }
        List<UserProfile> users = new ArrayList<>(data.users());
        Collections.shuffle(users, rng);
        int nTrain = (int) Math.round(users.size() * trainFraction);
        int nValidation = (int) Math.round(nTrain * validationFraction);
        List<UserProfile> validationUsers = users.subList(0, nValidation);
        List<UserProfile> trainUsers = users.subList(nValidation, nTrain);
        List<UserProfile> newUsers = users.subList(nTrain, users.size());
        Map<String, List<UserTask>> scenarios = new LinkedHashMap<>();
        scenarios.put(NEW_USER_EXISTING_ITEM, tasks(newUsers, existing, rng));
        scenarios.put(EXISTING_USER_NEW_ITEM, tasks(trainUsers, fresh, rng));
        scenarios.put(NEW_USER_NEW_ITEM, tasks(newUsers, fresh, rng));
        return new EvalSplit(tasks(trainUsers, existing, rng), tasks(validationUsers, existing, rng), scenarios);
    }

    private List<UserTask> tasks(List<UserProfile> users, Map<String, List<Rated>> ratings, Random rng) {
        List<UserTask> out = new ArrayList<>();
        for (UserProfile u : users) {
            List<Rated> r = ratings.get(u.userId());
            if (r == null || r.size() < minRatings || r.size() > maxRatings) continue;
            out.add(randomTask(u, r, querySize, rng));
        }
        return out;
    }

    /** {@code querySize} random ratings as the query, the rest (in time order) as the support. */
    static UserTask randomTask(UserProfile user, List<Rated> ratings, int querySize, Random rng) {
        List<Rated> shuffled = new ArrayList<>(ratings);
        Collections.shuffle(shuffled, rng);
        List<Rated> query = shuffled.subList(0, querySize);
        List<Rated> support = new ArrayList<>(shuffled.subList(querySize, shuffled.size()));
        support.sort(java.util.Comparator.comparing(Rated::time));
        return new UserTask(user, support, query);
    }
}

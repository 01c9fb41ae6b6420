package dev.metarec.features;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The user and item vocabularies of a model (one per feature spec of its {@link ModelConfig}, in the
 * same order) plus the optional ID vocabularies: everything needed to turn a {@link UserProfile} or an
 * {@link Item} into embedding rows, and the table sizes the network is built with. Immutable, a value
 * (equals/hashCode), safe to share between threads.
 */
public final class FeatureSpace {
    private final List<FeatureVocabulary> user;
    private final List<FeatureVocabulary> item;
    private final IdVocabulary userIds;   // null: no user ID embedding
    private final IdVocabulary itemIds;

    public FeatureSpace(List<FeatureVocabulary> user, List<FeatureVocabulary> item, Optional<IdVocabulary> userIds, Optional<IdVocabulary> itemIds) {
        this.user = List.copyOf(user);
        this.item = List.copyOf(item);
        this.userIds = userIds.orElse(null);
        this.itemIds = itemIds.orElse(null);
    }

    /** Fits on training data; every given user and item gets an ID row when the config asks for IDs. */
    public static FeatureSpace fit(ModelConfig config, Iterable<UserProfile> users, Iterable<Item> items, int minCount) {
        return fit(config, users, items, minCount, null, null);
    }

    /**
     * Fits on training data. Attribute vocabularies use every given user and item; ID rows (when the
     * config asks for them) go only to ids in {@code usersWithHistory} / {@code itemsWithHistory}, or to
     * every given entity when that set is null. Values seen on fewer than {@code minCount} entities are
     * not known (they hash).
     */
    public static FeatureSpace fit(ModelConfig config, Iterable<UserProfile> users, Iterable<Item> items, int minCount,
                                   Set<String> usersWithHistory, Set<String> itemsWithHistory) {
        return fit(config, users, items, minCount, minCount, usersWithHistory, itemsWithHistory, false);
    }

    /**
     * Fits with a separate minimum count for user (profile) values, which are personal data: a profile value seen on
     * fewer than {@code userMinCount} users hashes instead of being written into the model, and a numeric profile
     * attribute gets at most users / {@code userMinCount} buckets, so no bucket boundary belongs to fewer users.
     */
    public static FeatureSpace fit(ModelConfig config, Iterable<UserProfile> users, Iterable<Item> items, int userMinCount, int itemMinCount) {
        return fit(config, users, items, userMinCount, itemMinCount, null, null, true);
    }

    private static FeatureSpace fit(ModelConfig config, Iterable<UserProfile> users, Iterable<Item> items, int minCount, int itemMinCount,
                                    Set<String> usersWithHistory, Set<String> itemsWithHistory, boolean privateUserBuckets) {
        if (minCount < 1) throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        if (itemMinCount < 1) throw new IllegalArgumentException("itemMinCount must be >= 1, was " + itemMinCount);
        List<UserProfile> userList = copy(users);   // read once: the input may not be iterable twice
        List<Item> itemList = copy(items);
        List<FeatureVocabulary> u = new ArrayList<>();
        for (FeatureSpec spec : config.userFeatures()) {
            List<dev.metarec.model.Attributes> data = userList.stream().map(UserProfile::attributes).toList();
            u.add(privateUserBuckets ? FeatureVocabulary.fitPrivate(spec, data, minCount) : FeatureVocabulary.fit(spec, data, minCount));
        }
        List<FeatureVocabulary> i = fitAll(config.itemFeatures(), itemList.stream().map(Item::attributes).toList(), itemMinCount);
        Optional<IdVocabulary> uid = config.userIdEmbedding()
                ? Optional.of(IdVocabulary.of(usersWithHistory != null ? usersWithHistory : userList.stream().map(UserProfile::userId).toList()))
                : Optional.empty();
        Optional<IdVocabulary> iid = config.itemIdEmbedding()
                ? Optional.of(IdVocabulary.of(itemsWithHistory != null ? itemsWithHistory : itemList.stream().map(Item::itemId).toList()))
                : Optional.empty();
        return new FeatureSpace(u, i, uid, iid);
    }

    private static List<FeatureVocabulary> fitAll(List<FeatureSpec> specs, Iterable<Attributes> data, int minCount) {
        List<FeatureVocabulary> out = new ArrayList<>();
        for (FeatureSpec s : specs) out.add(FeatureVocabulary.fit(s, data, minCount));
        return out;
    }

    private static <T> List<T> copy(Iterable<T> in) {
        List<T> out = new ArrayList<>();
        in.forEach(out::add);
        return out;
    }

    public List<FeatureVocabulary> userVocabularies() { return user; }

    public List<FeatureVocabulary> itemVocabularies() { return item; }

    public Optional<IdVocabulary> userIds() { return Optional.ofNullable(userIds); }

    public Optional<IdVocabulary> itemIds() { return Optional.ofNullable(itemIds); }

    public EncodedEntity encodeUser(UserProfile profile) {
        return encode(user, profile.attributes(), userIds == null ? -1 : userIds.rowOf(profile.userId()));
    }

    public EncodedEntity encodeItem(Item it) {
        return encode(item, it.attributes(), itemIds == null ? -1 : itemIds.rowOf(it.itemId()));
    }

    private static EncodedEntity encode(List<FeatureVocabulary> vocabularies, Attributes attributes, int idRow) {
        int[][] slots = new int[vocabularies.size()][];
        for (int f = 0; f < slots.length; f++) {
            FeatureVocabulary v = vocabularies.get(f);
            slots[f] = v.encode(attributes.get(v.name()));
        }
        return new EncodedEntity(slots, idRow);
    }

    /** Rows of each user feature's embedding table, in config order. */
    public int[] userTableRows() { return user.stream().mapToInt(FeatureVocabulary::rows).toArray(); }

    public int[] itemTableRows() { return item.stream().mapToInt(FeatureVocabulary::rows).toArray(); }

    /** Rows of the user-ID table: 0 without user IDs, else max(1, known ids) (a table needs a row). */
    public int userIdRows() { return idRows(userIds); }

    public int itemIdRows() { return idRows(itemIds); }

    private static int idRows(IdVocabulary ids) { return ids == null ? 0 : Math.max(1, ids.size()); }

    /**
     * Throws {@link IllegalArgumentException} saying what differs when this space does not fit
     * {@code config}: feature specs (names, kinds, bucket counts, order) and ID vocabularies present
     * exactly when the config asks for ID embeddings.
     */
    public void requireCompatible(ModelConfig config) {
        requireSpecs("user", config.userFeatures(), user);
        requireSpecs("item", config.itemFeatures(), item);
        if (config.userIdEmbedding() != (userIds != null))
            throw new IllegalArgumentException("config " + (config.userIdEmbedding() ? "asks for" : "has no") + " user ID embeddings but the feature space " + (userIds != null ? "has" : "has no") + " user ID vocabulary");
        if (config.itemIdEmbedding() != (itemIds != null))
            throw new IllegalArgumentException("config " + (config.itemIdEmbedding() ? "asks for" : "has no") + " item ID embeddings but the feature space " + (itemIds != null ? "has" : "has no") + " item ID vocabulary");
    }

    private static void requireSpecs(String side, List<FeatureSpec> specs, List<FeatureVocabulary> vocabularies) {
        List<FeatureSpec> have = vocabularies.stream().map(FeatureVocabulary::spec).toList();
        if (!have.equals(specs))
            throw new IllegalArgumentException(side + " feature specs differ: config has " + specs + ", feature space has " + have);
    }

    @Override public boolean equals(Object o) {
        return o instanceof FeatureSpace s && s.user.equals(user) && s.item.equals(item)
                && Objects.equals(s.userIds, userIds) && Objects.equals(s.itemIds, itemIds);
    }

    @Override public int hashCode() { return Objects.hash(user, item, userIds, itemIds); }

    @Override public String toString() {
        return "FeatureSpace[user=" + user + ", item=" + item + ", userIds=" + userIds + ", itemIds=" + itemIds + "]";
    }
}

package dev.metarec.eval.protocol;

import dev.metarec.model.UserProfile;

import java.util.List;
import java.util.Objects;

/** A user's evaluation task: what the model may see ({@code support}) and what it must predict ({@code query}). */
public record UserTask(UserProfile user, List<Rated> support, List<Rated> query) {
    public UserTask {
        Objects.requireNonNull(user, "user");
        support = List.copyOf(support);
        query = List.copyOf(query);
    }

    public String userId() { return user.userId(); }

    public double[] queryValues() { return query.stream().mapToDouble(Rated::value).toArray(); }

    /** Support followed by query: the whole history, for pooled training. */
    public List<Rated> all() {
        List<Rated> out = new java.util.ArrayList<>(support);
        out.addAll(query);
        return out;
    }
}

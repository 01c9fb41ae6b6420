package dev.metarec.synthetic;

/** The generator's view of an item: genre indices, brand index and standardised log price. */
public record ItemFacts(int[] genres, int brand, double zPrice) {
    public ItemFacts {
        if (genres.length == 0) throw new IllegalArgumentException("an item needs at least one genre");
        genres = genres.clone();
    }

    @Override public int[] genres() { return genres.clone(); }
}

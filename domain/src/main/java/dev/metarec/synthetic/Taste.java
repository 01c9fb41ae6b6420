package dev.metarec.synthetic;

/**
 * A user's true taste: utility(item) = bias + mean over the item's genres of genre[g] + brand[b]
 * + price * z, where z is the item's standardised log price. Arrays are never exposed for writing.
 */
public record Taste(double bias, double[] genre, double[] brand, double price) {

    public Taste {
        genre = genre.clone();
        brand = brand.clone();
    }

    @Override public double[] genre() { return genre.clone(); }

    @Override public double[] brand() { return brand.clone(); }

    public double genreWeight(int g) { return genre[g]; }

    public double brandWeight(int b) { return brand[b]; }

    /** The true utility of an item with these facts. */
    public double utility(ItemFacts item) {
        double g = 0;
        for (int x : item.genres()) g += genre[x];
        return bias + g / item.genres().length + brand[item.brand()] + price * item.zPrice();
    }
}

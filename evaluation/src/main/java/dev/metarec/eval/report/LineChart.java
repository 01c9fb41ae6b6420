package dev.metarec.eval.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn with Java2D into a PNG (headless: no display needed). Series may carry a 95%
 * interval drawn as a translucent band. Each line has its own colour and marker shape (and may be
 * dashed). Axis ranges cover all points and bands of the lines added (so they are set by the lines
 * shown); ticks are "nice" numbers.
 */
public final class LineChart {
    /** One line: x, y, optional interval bounds (null when none), and whether it is drawn dashed. */
    public record Line(String name, double[] x, double[] y, double[] low, double[] high, boolean dashed) {
        public Line(String name, double[] x, double[] y, double[] low, double[] high) { this(name, x, y, low, high, false); }

        public Line(String name, double[] x, double[] y) { this(name, x, y, null, null); }
    }

    /** Marker shapes, one per line in order (with the palette: distinct colour and marker for up to 10 lines). */
    enum Marker { CIRCLE, SQUARE, TRIANGLE_UP, DIAMOND, TRIANGLE_DOWN, CROSS, PLUS, HOLLOW_CIRCLE, HOLLOW_SQUARE, STAR }

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final int W = 1000, H = 560, LEFT = 80, RIGHT = 360, TOP = 50, BOTTOM = 60;

    private final String title, xLabel, yLabel;
    private final List<Line> lines = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(Line line) {
        if (line.x().length != line.y().length) throw new IllegalArgumentException("series " + line.name() + ": " + line.x().length + " x values but " + line.y().length + " y values");
        lines.add(line);
        return this;
    }

    public boolean isEmpty() { return lines.isEmpty(); }

    public String title() { return title; }

    public void writePng(Path file) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double[] xr = range(true), yr = range(false);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g, xr, yr);
        int i = 0;
        for (Line l : lines) { draw(g, l, PALETTE[i % PALETTE.length], Marker.values()[i % Marker.values().length], xr, yr); i++; }
        legend(g);
        g.dispose();
        try {
            if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("can't write " + file, e);
        }
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            double[] v = x ? l.x() : l.y();
            for (int k = 0; k < v.length; k++) {
                double a = v[k], b = v[k];
                if (!x && l.low() != null) { a = Math.min(a, l.low()[k]); b = Math.max(b, l.high()[k]); }
                if (Double.isFinite(a)) lo = Math.min(lo, a);
                if (Double.isFinite(b)) hi = Math.max(hi, b);
            }
        }
        if (!Double.isFinite(lo)) return new double[]{0, 1};
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        double pad = x ? 0 : 0.05 * (hi - lo);
        return new double[]{lo - pad, hi + pad};
    }

    private int px(double x, double[] r) { return LEFT + (int) Math.round((x - r[0]) / (r[1] - r[0]) * (W - LEFT - RIGHT)); }

    private int py(double y, double[] r) { return H - BOTTOM - (int) Math.round((y - r[0]) / (r[1] - r[0]) * (H - TOP - BOTTOM)); }

    private void axes(Graphics2D g, double[] xr, double[] yr) {
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        FontMetrics fm = g.getFontMetrics();
        for (double t : xTicks(xr)) {
            int x = px(t, xr);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, TOP, x, H - BOTTOM - 1);
            g.setColor(Color.BLACK);
            String s = fmt(t);
            g.drawString(s, x - fm.stringWidth(s) / 2, H - BOTTOM + 16);
        }
        for (double t : ticks(yr)) {
            int y = py(t, yr);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(LEFT + 1, y, W - RIGHT, y);
            g.setColor(Color.BLACK);
            String s = fmt(t);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), y + 4);
        }
        g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - fm.stringWidth(xLabel) / 2, H - 18);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(TOP + (H - TOP - BOTTOM) / 2) - fm.stringWidth(yLabel) / 2, 20);
        r.dispose();
    }

    /** The x values themselves when the lines share at most 8 distinct integer ones (e.g. k = 1, 3, 5, 10, 20), else nice ticks. */
    private List<Double> xTicks(double[] r) {
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (Line l : lines) for (double x : l.x()) xs.add(x);
        boolean integers = xs.stream().allMatch(x -> x == Math.rint(x));
        return integers && xs.size() >= 2 && xs.size() <= 8 ? List.copyOf(xs) : ticks(r);
    }

    static List<Double> ticks(double[] r) {
        double span = r[1] - r[0];
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[]{1, 2, 5, 10}) if (span / (step * m) <= 6) { step *= m; break; }
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(r[0] / step) * step; t <= r[1] + 1e-9 * span; t += step) out.add(Math.abs(t) < 1e-12 * span ? 0 : t);
        return out;
    }

    private static String fmt(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e6 ? String.valueOf((long) Math.rint(v)) : String.format(Locale.ROOT, "%.3g", v);
    }

    private void draw(Graphics2D g, Line l, Color c, Marker marker, double[] xr, double[] yr) {
        if (l.low() != null) {
            java.awt.Polygon band = new java.awt.Polygon();
            for (int k = 0; k < l.x().length; k++) if (Double.isFinite(l.high()[k])) band.addPoint(px(l.x()[k], xr), py(l.high()[k], yr));
            for (int k = l.x().length - 1; k >= 0; k--) if (Double.isFinite(l.low()[k])) band.addPoint(px(l.x()[k], xr), py(l.low()[k], yr));
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
            g.fillPolygon(band);
        }
        g.setColor(c);
        g.setStroke(stroke(l));
        for (int k = 1; k < l.x().length; k++) g.drawLine(px(l.x()[k - 1], xr), py(l.y()[k - 1], yr), px(l.x()[k], xr), py(l.y()[k], yr));
        g.setStroke(new BasicStroke(1.5f));
        if (l.x().length <= 30) for (int k = 0; k < l.x().length; k++) mark(g, marker, px(l.x()[k], xr), py(l.y()[k], yr));
        g.setStroke(new BasicStroke(1f));
    }

    private static BasicStroke stroke(Line l) {
        return l.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 5f}, 0f) : new BasicStroke(2f);
    }

    /** Draws a marker of about 9 px centred on (x, y) in the current colour. */
    static void mark(Graphics2D g, Marker m, int x, int y) {
        int r = 4;
        switch (m) {
            case CIRCLE -> g.fillOval(x - r, y - r, 2 * r + 1, 2 * r + 1);
            case SQUARE -> g.fillRect(x - r, y - r, 2 * r + 1, 2 * r + 1);
            case TRIANGLE_UP -> g.fillPolygon(new int[]{x - r - 1, x, x + r + 1}, new int[]{y + r, y - r - 1, y + r}, 3);
            case TRIANGLE_DOWN -> g.fillPolygon(new int[]{x - r - 1, x, x + r + 1}, new int[]{y - r, y + r + 1, y - r}, 3);
            case DIAMOND -> g.fillPolygon(new int[]{x - r - 1, x, x + r + 1, x}, new int[]{y, y - r - 1, y, y + r + 1}, 4);
            case CROSS -> { g.drawLine(x - r, y - r, x + r, y + r); g.drawLine(x - r, y + r, x + r, y - r); }
            case PLUS -> { g.drawLine(x - r - 1, y, x + r + 1, y); g.drawLine(x, y - r - 1, x, y + r + 1); }
            case HOLLOW_CIRCLE -> g.drawOval(x - r, y - r, 2 * r, 2 * r);
            case HOLLOW_SQUARE -> g.drawRect(x - r, y - r, 2 * r, 2 * r);
            case STAR -> { g.drawLine(x - r, y - r, x + r, y + r); g.drawLine(x - r, y + r, x + r, y - r); g.drawLine(x - r - 1, y, x + r + 1, y); }
        }
    }

    private void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int y = TOP + 10, i = 0;
        for (Line l : lines) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.setStroke(stroke(l));
            g.drawLine(W - RIGHT + 10, y - 7, W - RIGHT + 34, y - 7);
            g.setStroke(new BasicStroke(1.5f));
            mark(g, Marker.values()[i % Marker.values().length], W - RIGHT + 22, y - 7);
            g.setStroke(new BasicStroke(1f));
            i++;
            g.setColor(Color.BLACK);
            String name = l.name().length() > 48 ? l.name().substring(0, 47) + "…" : l.name();
            g.drawString(name, W - RIGHT + 40, y - 3);
            y += 18;
        }
    }
}

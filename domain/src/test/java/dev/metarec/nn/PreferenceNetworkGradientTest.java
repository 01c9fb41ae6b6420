package dev.metarec.nn;

import dev.metarec.meta.Batch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.metarec.nn.FiniteDifferences.assertClose;
import static dev.metarec.nn.FiniteDifferences.central;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite-difference checks of the whole network's gradient, for every parameter of every
 * group (embedding tables, ID tables, user.offset, user.bias, every layer), every objective, with
 * per-example weights (one zero) and offsets, and both routes (adapted groups into the fast gradient,
 * the others into the sparse slow gradient).
 */
class PreferenceNetworkGradientTest {

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Objective o : Objective.values()) {
            cases.add(Arguments.of("decision layers adapted", TestNetworks.decisionLayersAdapted(o), o));
            cases.add(Arguments.of("mixed adaptation", TestNetworks.mixedAdapted(o), o));
            cases.add(Arguments.of("first layer shared", TestNetworks.firstLayerShared(o), o));
            cases.add(Arguments.of("no hidden layer", TestNetworks.linear(o), o));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("networks")
    void fastGradient_matchesCentralDifferences(String name, PreferenceNetwork net, Objective objective) {
        Params meta = TestNetworks.randomParams(net, 11);
        double[] fast = perturbedFast(net, meta);
        Batch batch = TestNetworks.randomBatch(objective, 5, 7);
        double[] grad = new double[fast.length];
        double loss = net.lossAndGradient(meta, fast, batch, grad, null, 0);

        assertEquals(net.loss(meta, fast, batch), loss, 1e-12, "loss and lossAndGradient agree");
        Batch prepared = net.prepare(meta, batch);
        assertEquals(net.sharesItemSide(), prepared.prepared() != null, "prepared exactly when the first layer is shared");
        double[] fromPrepared = new double[fast.length];
        assertEquals(loss, net.lossAndGradient(meta, fast, prepared, fromPrepared, null, 0), 1e-12, "a prepared batch has the same loss");
        org.junit.jupiter.api.Assertions.assertArrayEquals(grad, fromPrepared, 1e-12, "and the same fast gradient");
        Params other = TestNetworks.randomParams(net, 99);
        assertEquals(net.loss(other, fast, batch), net.loss(other, fast, prepared), 0.0, "prepared for other parameters: not used");
        double[] withSlow = new double[fast.length];
        net.lossAndGradient(meta, fast, batch, withSlow, new Gradient(net.layout()), 1.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(withSlow, grad, 1e-12,
                "an adaptation step (no slow gradient) skips the groups that do not adapt, and gets the same fast gradient");
        for (int k = 0; k < fast.length; k++) {
            int at = k;
            double numeric = central(h -> {
                double[] f = fast.clone();
                f[at] += h;
                return net.loss(meta, f, batch);
            });
            assertClose(grad[k], numeric, "d loss / d fast[" + k + "] (" + net.fastLayout().slotAt(k).group().name() + ")");
        }
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("networks")
    void slowGradient_matchesCentralDifferences_andIsScaled(String name, PreferenceNetwork net, Objective objective) {
        Params meta = TestNetworks.randomParams(net, 12);
        double[] fast = perturbedFast(net, meta);
        Batch batch = TestNetworks.randomBatch(objective, 6, 6);
        Gradient slow = new Gradient(net.layout());
        double slowScale = 0.5;
        net.lossAndGradient(meta, fast, batch, new double[fast.length], slow, slowScale);

        int checkedNonZero = 0;
        java.util.Set<String> groupsWithGradient = new java.util.TreeSet<>();
        for (int i = 0; i < meta.size(); i++) {
            int at = i;
            ParamGroup g = net.layout().groupAt(i);
            double numeric = central(h -> net.loss(meta.with(at, meta.get(at) + h), fast, batch));
            if (net.fastLayout().adapts(g.name()) || g.name().equals("meta.innerLr")) {
                assertEquals(0.0, numeric, 1e-12, g.name() + " is not read through the meta-parameters");
                assertEquals(0.0, slow.get(i), 0.0, g.name() + " gets no slow gradient");
                continue;
            }
            assertClose(slow.get(i), slowScale * numeric, "d loss / d meta[" + i + "] (" + g.name() + ")");
            if (Math.abs(numeric) > 1e-8) {
                checkedNonZero++;
                groupsWithGradient.add(g.name());
            }
        }
        // Under BPR, biases cancel in s(pos) - s(neg), and so do a linear model's user terms; every other slow group matters.
        boolean bpr = objective == Objective.BPR;
        boolean userCancels = bpr && net.config().hiddenWidths().isEmpty();
        for (ParamGroup g : net.layout().groups())
            if (!net.fastLayout().adapts(g.name()) && !g.name().equals("meta.innerLr")
                    && !(bpr && (g.name().equals("user.bias") || g.name().equals("out.b")))
                    && !(userCancels && (g.name().startsWith("emb.user") || g.name().startsWith("user."))))
                assertTrue(groupsWithGradient.contains(g.name()), g.name() + " influences the loss; groups with a gradient: " + groupsWithGradient);
        assertTrue(checkedNonZero > 20, "enough slow parameters have a gradient to make the check meaningful: " + checkedNonZero);
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("networks")
    void slowGradient_touchesOnlyRowsTheBatchRead(String name, PreferenceNetwork net, Objective objective) {
        Params meta = TestNetworks.randomParams(net, 13);
        Batch batch = TestNetworks.randomBatch(objective, 7, 3);
        Gradient slow = new Gradient(net.layout());
        net.lossAndGradient(meta, net.fastLayout().gather(meta), batch, null, slow, 1.0);

        for (ParamGroup g : net.layout().groups()) {
            if (g.kind() != ParamGroup.Kind.TABLE) continue;
            for (int r = 0; r < g.rows(); r++) {
                boolean nonZero = false;
                for (int c = 0; c < g.cols(); c++) nonZero |= slow.get(g.index(r, c)) != 0;
                boolean read = reads(net, batch, g, r);
                if (!read) assertTrue(!nonZero, g.name() + " row " + r + " was not read but has a gradient");
            }
        }
        int tableRows = net.layout().groups().stream().filter(g -> g.kind() == ParamGroup.Kind.TABLE).mapToInt(ParamGroup::rows).sum();
        int denseRows = net.layout().groups().stream().filter(g -> g.kind() == ParamGroup.Kind.DENSE).mapToInt(ParamGroup::rows).sum();
        assertTrue(slow.touchedRowCount() < tableRows + denseRows, "the gradient is sparse: " + slow.touchedRowCount() + " rows touched");
    }

    private static boolean reads(PreferenceNetwork net, Batch batch, ParamGroup g, int row) {
        List<dev.metarec.features.EncodedEntity> entities = new ArrayList<>();
        for (var e : batch.examples()) {
            if (e.weight() == 0) continue;
            entities.add(e.item());
            if (e.negative() != null) entities.add(e.negative());
        }
        boolean user = g.name().startsWith("emb.user");
        if (user) entities = List.of(batch.user());
        for (var e : entities) {
            if (g.name().endsWith("Id")) {
                if (e.idRow() == row) return true;
                continue;
            }
            String feature = g.name().substring(g.name().lastIndexOf('.') + 1);
            var specs = user ? net.config().userFeatures() : net.config().itemFeatures();
            for (int f = 0; f < specs.size(); f++)
                if (specs.get(f).name().equals(feature)) for (int r : e.slots()[f]) if (r == row) return true;
        }
        return false;
    }

    /** Fast weights that differ from the meta-parameters, as after a few inner steps. */
    static double[] perturbedFast(PreferenceNetwork net, Params meta) {
        double[] fast = net.fastLayout().gather(meta);
        java.util.Random r = new java.util.Random(99);
        for (int k = 0; k < fast.length; k++) fast[k] += 0.1 * r.nextGaussian();
        return fast;
    }
}

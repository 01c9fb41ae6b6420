package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.math.Vectors;

import static dev.metarec.nn.NetworkShape.USER_OFFSET;
import static dev.metarec.nn.NetworkShape.bias;
import static dev.metarec.nn.NetworkShape.weight;

/**
 * The user's share of the first layer, computed once per batch: {@code u = pooled + user.offset},
 * {@code userPre = b0 + u W0[user rows]}. Gradients reaching it from every example are summed in
 * {@link #sumDa0} and pushed back once ({@link #backward}). Per-call scratch.
 */
final class UserSide {
    private final NetworkShape shape;
    private final EncodedEntity user;
    final double[] u;
    final double[] userPre;
    final double[] sumDa0;
    double[] ru, rUserPre, sumRda0;
    private final int[] scratch;

    UserSide(NetworkShape shape, Weights w, EncodedEntity user) {
        shape.requireUser(user);
        this.shape = shape;
        this.user = user;
        int widest = shape.userWidth;
        for (int width : shape.widths) widest = Math.max(widest, width);
        this.scratch = new int[widest];
        int width = shape.widths[1];
        u = new double[shape.userWidth];
        Embeddings.pool(w.meta, user, shape.userTables, shape.userIdTable, shape.dim, u);
        if (shape.userWidth > 0) Vectors.axpyInPlace(1.0, w.array(USER_OFFSET), w.offset(USER_OFFSET), u, 0, u.length);
        userPre = new double[width];
        System.arraycopy(w.array(bias(0)), w.offset(bias(0)), userPre, 0, width);
        LayerOps.addVecMat(w, weight(0), 0, u, u.length, userPre, scratch);
        sumDa0 = new double[width];
    }

    /** R{u} = V(user.offset); R{userPre} = V(b0) + R{u} W0 + u V(W0), over the user rows. */
    void rForward(Weights w, Weights v) {
        int width = shape.widths[1];
        ru = new double[shape.userWidth];
        if (shape.userWidth > 0) System.arraycopy(v.array(USER_OFFSET), v.offset(USER_OFFSET), ru, 0, ru.length);
        rUserPre = new double[width];
        System.arraycopy(v.array(bias(0)), v.offset(bias(0)), rUserPre, 0, width);
        LayerOps.addVecMat(w, weight(0), 0, ru, ru.length, rUserPre, scratch);
        LayerOps.addVecMat(v, weight(0), 0, u, u.length, rUserPre, scratch);
        sumRda0 = new double[width];
    }

    /** Adds b0's and W0's user-row gradients, the offset's, and (when {@code slow} is given) the user tables'. */
    void backward(Weights w, DenseGrads grads, Gradient slow, double slowScale) {
        int width = shape.widths[1];
        Vectors.axpyInPlace(1.0, sumDa0, 0, grads.of(bias(0)), 0, width);
        LayerOps.addOuter(grads, weight(0), 0, u, u.length, sumDa0);
        if (shape.userWidth == 0 || (slow == null && !shape.userOffsetAdapts)) return;   // nobody reads dL/du
        double[] du = new double[shape.userWidth];
        LayerOps.addMatVec(w, weight(0), 0, shape.userWidth, sumDa0, du, scratch);
        Vectors.axpyInPlace(1.0, du, grads.of(USER_OFFSET));
        if (slow != null) Embeddings.scatter(user, shape.userTables, shape.userIdTable, shape.dim, du, slow, slowScale);
    }

    /** The R-version of {@link #backward}: Hessian-vector products for the user rows, the offset and the user tables. */
    void rBackward(Weights w, Weights v, DenseGrads rGrads, Gradient slow, double slowScale) {
        int width = shape.widths[1];
        Vectors.axpyInPlace(1.0, sumRda0, 0, rGrads.of(bias(0)), 0, width);
        LayerOps.addOuter(rGrads, weight(0), 0, ru, ru.length, sumDa0);
        LayerOps.addOuter(rGrads, weight(0), 0, u, u.length, sumRda0);
        if (shape.userWidth == 0 || (slow == null && !shape.userOffsetAdapts)) return;
        double[] rdu = new double[shape.userWidth];
        LayerOps.addMatVec(v, weight(0), 0, shape.userWidth, sumDa0, rdu, scratch);
        LayerOps.addMatVec(w, weight(0), 0, shape.userWidth, sumRda0, rdu, scratch);
        Vectors.axpyInPlace(1.0, rdu, rGrads.of(USER_OFFSET));
        if (slow != null) Embeddings.scatter(user, shape.userTables, shape.userIdTable, shape.dim, rdu, slow, slowScale);
    }
}

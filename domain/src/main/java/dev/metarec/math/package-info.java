/**
 * Small dense kernels on {@code double[]}, written so HotSpot's C2 auto-vectorises the inner loops:
 * every inner loop is a unit-stride axpy over one row. A layer's weight matrix {@code W} is
 * {@code in x out} (one row per input, as in the flat parameter vector), so {@code y = x W} is a
 * sequence of axpys over W's rows, and {@code d = W g} is the same kernel over W's transpose.
 * Hot kernels take W as separate row arrays ({@link dev.metarec.math.DenseRows}): C2 (JDK 25) leaves
 * a loop scalar when its output and input are differently shifted slices of arrays that might be the
 * same, which is what flat offsets into one parameter vector look like. Methods that write say so
 * ({@code ...InPlace}) or write only to their documented output argument.
 */
package dev.metarec.math;

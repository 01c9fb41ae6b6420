/**
 * Small dense kernels on {@code double[]} with explicit offsets, written so HotSpot's C2 auto-vectorises
 * the inner loops: every inner loop is a unit-stride axpy or dot over one row. Matrices are row-major;
 * a layer's weight matrix {@code W} is stored {@code in x out} (one row per input), so
 * {@code y = x W} is a sequence of axpys over W's rows and {@code d = W g} is a sequence of dots.
 * Kernels never allocate; methods that write say so ({@code ...InPlace}) or write only to their
 * documented output argument.
 */
package dev.metarec.math;

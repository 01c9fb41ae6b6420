/**
 * JMH benchmarks and CPU-time reports for the MeLU-size model ({@link dev.metarec.bench.MeluFixture}); not
 * part of the test run. Run with the {@code bench} profile of {@code domain/pom.xml}, e.g.
 * <pre>
 *   ./mvnw -o -pl domain -Pbench test-compile exec:exec -Dbench='AdaptBenchmark|MetaTrainBenchmark' \
 *       -Djmh.args='-f 1 -wi 2 -w 3 -i 3 -r 3'
 *   ./mvnw -o -pl domain -Pbench test-compile exec:exec -Dbench.main=dev.metarec.bench.CpuTimeReport -Dbench= -Djmh.args=
 * </pre>
 * On a machine shared with other builds, wall time measures the wait for a core as much as the work;
 * {@link dev.metarec.bench.CpuTimeReport} reports CPU time beside it.
 */
package dev.metarec.bench;

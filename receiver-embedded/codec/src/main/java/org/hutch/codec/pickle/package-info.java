/**
 * Python pickles as MAX IV's {@code /last_frame} sends them: {@link org.hutch.codec.pickle.PickleWriter} writes
 * protocol 4 ({@code [header, blob]}, and numpy arrays as numpy's own reconstruct sequence), and
 * {@link org.hutch.codec.pickle.PickleReader} reads protocols 3 to 5, plain data and numpy arrays and scalars
 * (numpy 1 and 2 module names), refusing every other global by name.
 *
 * <p><b>Why a reader of our own and not Pyrolite.</b> Pyrolite ({@code net.razorvine:pickle} 1.5) was measured
 * against {@code PickleReader} (issue 10). With numpy's constructors registered it reads all the same pickles to
 * the same values (test {@code PyrolitePickleReaderIT}), but it is slower on 4M frames, and unsafe on
 * hostile input without guards of our own:
 * <ul>
 * <li>Speed, {@code PickleReaderBenchmark} (test scope; its javadoc has the command), 9 rounds of 30 reads,
 * readers alternating in one JVM, median ms per read; OpenJDK 17.0.15, 2 cores, load average 7.9 from other
 * builds during the run:
 * <pre>
 *                                           PickleReader   Pyrolite
 * ndarray 2162x2068 &lt;u4 (17.9 MB pickle)        3.50         6.11   x1.75
 * ndarray 2070x2167 &lt;u2 ( 9.0 MB)               1.78         2.98   x1.67
 * [header, bslz4 blob] 2162x2068 uint32 (4.1 MB) 0.88       1.42   x1.62
 * </pre>
 * Eight runs at load averages 5 to 15 gave Pyrolite 1.4 to 4.3 times PickleReader's time, never less: it reads
 * a blob into a new, zeroed array through an InputStream (two passes over 18 MB), where PickleReader copies
 * it once with {@code Arrays.copyOfRange}. Pyrolite without our guards is no faster.</li>
 * <li>Hostile input: plain Pyrolite allocates a claimed length before reading it (a BINBYTES8 of 2 GiB gives
 * OutOfMemoryError, a negative BINBYTES NegativeArraySizeException), turns any unknown global into a
 * dictionary instead of refusing it, and answers a malformed stack with NullPointerException or
 * IndexOutOfBoundsException. Guarding it means overriding its protected {@code dispatch}, which ties us to
 * its internals; it also loses a dict's key order (HashMap) unless SETITEMS is overridden too.</li>
 * </ul>
 * So PickleReader stays; the Pyrolite reader stays in the tests, to repeat the comparison.
 */
package org.hutch.codec.pickle;

/**
 * PONI geometry and azimuthal integration, pyFAI-exact.
 *
 * <ul>
 *   <li>{@link org.hutch.azint.Poni}: reads pyFAI PONI files (v1, v2, v2.1; orientation 3) and writes v2.</li>
 *   <li>{@link org.hutch.azint.Geometry}: 2θ, q, χ, solid angle and polarisation of any pixel position,
 *       in pyFAI's convention (pixel centres at i + 0.5, rotations R3·R2·R1).</li>
 *   <li>{@link org.hutch.azint.Integrator}: built once per geometry, mask and
 *       {@link org.hutch.azint.IntegrationSettings} (in parallel, optionally on the {@code azint-setup}
 *       thread), then integrates frames ({@link org.hutch.azint.FrameView}: any pixel type, from a
 *       little-endian ByteBuffer or arrays) into an {@link org.hutch.azint.AzintResult}, 1D or a 2D
 *       cake, with Poisson errors; invalid pixels of a frame are left out without NaN.</li>
 * </ul>
 *
 * <p>Memory of the sparse matrix: 1D with splitting keeps a char (first bin) and three float weights
 * per pixel, 14 bytes per pixel (63 MB for a 2162x2068 detector) plus a 4-byte solid-angle value per
 * pixel; no splitting keeps one int per pixel; a 2D cake with splitting keeps an int per pixel plus
 * an int and a float per pixel-cell entry. Building a 4 Mpixel 1D full-split matrix briefly needs
 * about 300 MB more.
 */
package org.hutch.azint;

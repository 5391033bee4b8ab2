"""pyFAI's time per frame on the frames of `hutch bench azint-pipeline`, for the README's comparison.

Same geometry (75 um pixels, 0.15 m, beam at 45 % / 55 % of the detector), 1000 bins of q in nm^-1,
solid angle, Poisson errors, full pixel splitting through pyFAI's CSR engine, one frame at a time on
uint32 Poisson data as the bench's EigerLikeFrame (no decompression: pyFAI gets decoded frames).

    python3 receiver-embedded/azint/src/test/python/pyfai_bench.py [--frames N] [--size 4m,1m]
"""
import argparse
import os
import time

import numpy as np
import pyFAI
from pyFAI.azimuthalIntegrator import AzimuthalIntegrator

SIZES = {"4m": (2162, 2068), "1m": (1030, 1065)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=20)
    ap.add_argument("--size", default="4m,1m")
    ap.add_argument("--method", default="full,csr,cython", help="pyFAI method (split, algo, impl)")
    a = ap.parse_args()
    method = tuple(a.method.split(","))
    print("pyFAI", pyFAI.version, "method", method, "load average before:", open("/proc/loadavg").read().strip())
    for name in a.size.split(","):
        rows, cols = SIZES[name]
        ai = AzimuthalIntegrator(dist=0.15, poni1=rows * 75e-6 * 0.45, poni2=cols * 75e-6 * 0.55,
                                 pixel1=75e-6, pixel2=75e-6, wavelength=1e-10)
        ai.detector.max_shape = (rows, cols)
        rng = np.random.default_rng(7)
        frames = [rng.poisson(4.0, size=(rows, cols)).astype(np.uint32) for _ in range(4)]
        kw = dict(npt=1000, unit="q_nm^-1", correctSolidAngle=True, error_model="poisson", method=method)
        t0 = time.perf_counter()
        ai.integrate1d(frames[0], **kw)  # builds the CSR matrix
        setup = time.perf_counter() - t0
        c0, w0 = time.process_time(), time.perf_counter()
        for i in range(a.frames):
            ai.integrate1d(frames[i % len(frames)], **kw)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        print(f"{name.upper()} {rows}x{cols}: {1000 * wall / a.frames:.1f} ms/frame wall, {1000 * cpu / a.frames:.1f} ms "
              f"CPU/frame ({os.cpu_count()} cores), first call (setup) {setup:.1f} s")
    print("load average after:", open("/proc/loadavg").read().strip())


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""pyFAI's own calibration of the real CeO2 Pilatus 1M image (dev01), as an independent judge.

The PONI of dev01 fits the image with its rows reversed (it was made in Dioptas, which shows TIFF
images upside down), so the image is reversed here too, as in the Java tests.

Modes (each prints one JSON line, offsets in pixels / degrees / percent against the reference):
  guess DDIST D1 D2   pyFAI from a guess DDIST m and (D1, D2) pixels off, no tilt. As in
                      pyFAI-calib2: a click on rings 1 and 3 (placed on the ring the image shows;
                      only which ring is clicked matters), each grown by Massif.find_peaks, a first
                      GeometryRefinement.refine3; then as pyFAI-recalib: rounds of
                      SingleGeometry.extract_cp (Massif peak picking in 2θ bands) and refine3 on
                      2, 4, 8, then all rings. Wavelength and rot3 stay fixed.
  reference           the same rounds started at the reference PONI itself
  refine POINTS       pyFAI's GeometryRefinement on control points from a file (d1 d2 d, Hutch's
                      convention: pixel centres at index + 0.5, d-spacing in Å), from the reference
  --points-out FILE   (with guess/reference) writes pyFAI's own points in that same format

Needs Debian's python3-pyfai (0.21): /usr/bin/python3 pyfai_calibrate_dev01.py CASE_DIR MODE ...
"""
import gzip
import json
import sys
import time

import numpy
import pyFAI
from pyFAI.calibrant import get_calibrant
from pyFAI.geometryRefinement import GeometryRefinement
from pyFAI.goniometer import SingleGeometry
from pyFAI.massif import Massif

FIX = ["wavelength", "rot3"]
ROUNDS = (2, 4, 8, None)


def load(case):
    meta = json.load(open(case + "/case.json"))
    shape = tuple(meta["image"]["shape"])
    img = numpy.frombuffer(gzip.open(case + "/image.raw.gz").read(), "<i4").reshape(shape)
    mask = numpy.frombuffer(gzip.open(case + "/mask.u8.gz").read(), "u1").reshape(shape)
    ref = pyFAI.load(case + "/geometry.poni")
    return numpy.ascontiguousarray(img[::-1]).astype(numpy.float32), numpy.ascontiguousarray(mask[::-1]), ref


def detector(mask):
    det = pyFAI.detector_factory("Pilatus1M")
    det.mask = numpy.logical_or(det.mask if det.mask is not None else 0, mask).astype(numpy.int8)
    return det


def geometry(ref, ddist=0.0, d1=0.0, d2=0.0, tilt=True):
    return {"dist": ref.dist + ddist, "poni1": ref.poni1 + d1 * ref.pixel1, "poni2": ref.poni2 + d2 * ref.pixel2,
            "rot1": ref.rot1 if tilt else 0.0, "rot2": ref.rot2 if tilt else 0.0, "rot3": ref.rot3 if tilt else 0.0,
            "wavelength": ref.wavelength}


def clicks(img, mask, ref, rings, chi_deg=(45.0,)):
    """Where a user clicks on a ring (the ring as the image shows it, to a pixel or two)."""
    calibrant = get_calibrant("CeO2")
    calibrant.wavelength = ref.wavelength
    tth = ref.twoThetaArray(img.shape)
    chi = numpy.degrees(ref.chiArray(img.shape))
    out = []
    for ring in rings:
        for c in chi_deg:
            far = numpy.abs(tth - calibrant.get_2th()[ring]) + 1e-3 * numpy.abs(chi - c) + mask
            out.append((ring, numpy.unravel_index(numpy.argmin(far), img.shape)))
    return out


def seed(img, det, start, picks):
    """pyFAI-calib2's first step: each click grows its ring (Massif.find_peaks), then a first refinement."""
    numpy.random.seed(0)  # Massif visits candidate pixels in random order
    massif = Massif(img, det.mask)
    data = [(p[0], p[1], ring) for ring, x in picks for p in massif.find_peaks(x, nmax=400, stdout=None)]
    calibrant = get_calibrant("CeO2")
    calibrant.wavelength = start["wavelength"]
    gr = GeometryRefinement(data=data, detector=det, calibrant=calibrant, **start)
    gr.refine3(fix=FIX + ["rot1", "rot2"])
    gr.refine3(fix=FIX)
    return {k: getattr(gr, k) for k in ("dist", "poni1", "poni2", "rot1", "rot2", "rot3", "wavelength")}, len(data)


def calibrate(img, det, start, wavelength):
    """pyFAI-recalib's loop: pick on the rings the current geometry predicts, refine, widen."""
    numpy.random.seed(0)  # Massif visits candidate pixels in random order
    geo = dict(start)
    sg = None
    for max_rings in ROUNDS:
        calibrant = get_calibrant("CeO2")
        calibrant.wavelength = wavelength
        massif = sg.massif if sg else None  # the same image: its Massif once
        sg = SingleGeometry("dev01", image=img, calibrant=calibrant, detector=det, geometry=dict(geo))
        sg.massif = massif
        sg.extract_cp(max_rings=max_rings, pts_per_deg=1.0)
        sg.geometry_refinement.refine3(fix=FIX)
        gr = sg.geometry_refinement
        geo = {k: getattr(gr, k) for k in ("dist", "poni1", "poni2", "rot1", "rot2", "rot3", "wavelength")}
    return sg


class Geo:
    def __init__(self, d):
        self.__dict__.update(d)

    def chi2(self):
        return float("nan")


def offsets(gr, ref, npt, seconds, mode):
    rms = numpy.sqrt(gr.chi2() / npt) if npt else float("nan")
    return {"mode": mode, "dist_pct": 100 * (gr.dist / ref.dist - 1),
            "poni1_px": (gr.poni1 - ref.poni1) / ref.pixel1, "poni2_px": (gr.poni2 - ref.poni2) / ref.pixel2,
            "rot1_deg": numpy.degrees(gr.rot1 - ref.rot1), "rot2_deg": numpy.degrees(gr.rot2 - ref.rot2),
            "rms_rad": float(rms), "points": int(npt), "seconds": round(seconds, 2),
            "poni": {k: getattr(gr, k) for k in ("dist", "poni1", "poni2", "rot1", "rot2", "rot3")}}


def main(argv):
    case, mode = argv[1], argv[2]
    points_out = argv[argv.index("--points-out") + 1] if "--points-out" in argv else None
    img, mask, ref = load(case)
    det = detector(mask)
    t0 = time.time()
    if mode in ("guess", "reference"):
        start = geometry(ref)
        if mode == "guess":
            start, seeded = seed(img, det, geometry(ref, *map(float, argv[3:6]), tilt=False), clicks(img, mask, ref, (0, 2)))
            print(json.dumps(offsets(Geo(start), ref, seeded, time.time() - t0, "seeded by clicks on rings 1 and 3")))
        sg = calibrate(img, det, start, ref.wavelength)
        gr = sg.geometry_refinement
        data = gr.data
        if points_out:
            dsp = numpy.array(sg.calibrant.dSpacing)
            with open(points_out, "w") as f:
                for r, c, ring in data:
                    f.write("%.6f %.6f %.8f\n" % (r + 0.5, c + 0.5, dsp[int(ring)]))
        label = mode if mode == "reference" else "guess %s %s %s" % tuple(argv[3:6])
    elif mode == "refine":
        pts = numpy.loadtxt(argv[3], ndmin=2)
        calibrant = get_calibrant("CeO2")
        calibrant.wavelength = ref.wavelength
        dsp = numpy.array(calibrant.dSpacing)
        ring = numpy.array([numpy.argmin(abs(dsp - d)) for d in pts[:, 2]])
        # pyFAI's control points have pixel centres at integer indices
        data = numpy.column_stack((pts[:, 0] - 0.5, pts[:, 1] - 0.5, ring))
        gr = GeometryRefinement(data=data, detector=det, calibrant=calibrant, **geometry(ref))
        gr.refine3(fix=FIX)
        label = "refine " + argv[3]
    else:
        raise SystemExit(__doc__)
    print(json.dumps(offsets(gr, ref, len(data), time.time() - t0, label)))


if __name__ == "__main__":
    main(sys.argv)

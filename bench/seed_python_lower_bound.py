#!/usr/bin/python3
"""A lower bound on the time per event of the seed workflow's jet_observables.py.

The seed computes its observables with PyROOT (TH2D) and the Python fastjet bindings,
neither of which Debian packages (no python3-fastjet, no ROOT), so the script itself
cannot run here. This reproduces, with numpy and plain Python, the part of its per-event
work that needs neither: per observable, the rotated coordinates, a 200 x 200 eta-phi
histogram, the Python double loop over its 40 000 bins that turns non-empty bins into
pseudo-jets, and the Python loop over the hits that sums tau or the angularity. The
clustering itself (fastjet) is left out and the jet axes are replaced by the hardest bin,
so the figure printed is strictly less than what the seed script costs per event.

    /usr/bin/python3 bench/seed_python_lower_bound.py SKIMMED.h5 [MAX_EVENTS]
"""
import sys
import time

import h5py
import numpy as np


def distance(eta1, phi1, eta2, phi2):
    d_phi = np.arctan2(np.sin(phi1 - phi2), np.cos(phi1 - phi2))
    return np.sqrt((eta1 - eta2) ** 2 + d_phi**2)


def one_observable(x, y, z, e, beta):
    # the seed's rotated frame: x axis as the polar axis, z shifted by 250 mm
    zp = z - 250
    r = np.sqrt(x**2 + y**2 + zp**2)
    eta = -np.log(np.tan(np.arccos(x / r) / 2))
    phi = np.arctan2(zp, y)
    pt = np.sin(2 * np.arctan(np.exp(-eta))) * e
    hist, eta_edges, phi_edges = np.histogram2d(eta, phi, bins=200, range=[[-2, 2], [-3.5, 3.5]], weights=pt)
    pseudo_jets = []
    for j in range(200):  # the seed's GetBinContent double loop, in Python
        for k in range(200):
            if hist[j, k] == 0:
                continue
            pseudo_jets.append((hist[j, k], 0.5 * (eta_edges[j] + eta_edges[j + 1]), 0.5 * (phi_edges[k] + phi_edges[k + 1])))
    if not pseudo_jets:
        return float("nan")
    axis = max(pseudo_jets)  # stand-in for the fastjet axis
    tau = 0.0
    for i in range(len(eta)):  # the seed's per-hit Python loop
        tau += pt[i] * distance(eta[i], phi[i], axis[1], axis[2]) ** beta
    return tau


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with h5py.File(sys.argv[1], "r") as f:
        g = f["ecal_rec_hits"]
        x, y, z, e, offsets = (g[k][:] for k in ("x", "y", "z", "energy", "offsets"))
    n = min(limit, len(offsets) - 1)
    hits = 0
    start = time.perf_counter()
    for i in range(n):
        a, b = int(offsets[i]), int(offsets[i + 1])
        hits += b - a
        # the seed computes the jettiness ratio and the angularity in two passes
        one_observable(x[a:b], y[a:b], z[a:b], e[a:b], 2.5)
        one_observable(x[a:b], y[a:b], z[a:b], e[a:b], 5)
    seconds = time.perf_counter() - start
    print(f"{n} events, {hits / max(n, 1):.0f} rec hits per event: {seconds / max(n, 1) * 1e3:.1f} ms per event "
          f"({n / seconds:.0f} events/s), without the fastjet clustering and ROOT I/O")


if __name__ == "__main__":
    main()

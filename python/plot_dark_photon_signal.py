#!/usr/bin/python3
"""Distributions of a target dark-photon signal sample (umbra produce darkphoton), for the
comparison with the LDMX papers in docs/validation.md.

    build/bin/umbra produce darkphoton --mass 0.01 --events 2000 -j 2 -o dp.h5
    /usr/bin/python3 python/plot_dark_photon_signal.py dp.h5 docs/img [BEAM_MEV]

Writes dark_photon_signal.png: the A' energy fraction E_A'/E_beam, the recoil electron's
momentum and polar angle at the target scoring plane (/veto recoil_p, recoil_theta), the
reconstructed ECal energy and the number of ECal readout hits, weighted, unit area.
"""
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

APRIME_PDG = 622


def main(path, out_dir, beam):
    with h5py.File(path, "r") as f:
        weight = f["events/weight"][:]
        offsets, pdg, energy = f["particles/offsets"][:].astype(np.int64), f["particles/pdg"][:], f["particles/e"][:]
        recoil_p, recoil_theta = f["veto/recoil_p"][:], f["veto/recoil_theta"][:]
        ecal, hits = f["veto/summed_det"][:], f["veto/n_readout_hits"][:]
    fraction = np.full(len(weight), np.nan)
    for i in range(len(weight)):
        rows = np.arange(offsets[i], offsets[i + 1])
        aprime = rows[pdg[rows] == APRIME_PDG]
        if len(aprime):
            fraction[i] = energy[aprime[0]] / beam
    found = recoil_p > 0  # the recoil crossed the target scoring plane
    panels = [
        ("A' energy fraction $E_{A'}/E_{beam}$", fraction, np.ones(len(weight), bool), np.linspace(0, 1, 41)),
        ("recoil electron momentum [GeV]", recoil_p / 1e3, found, np.linspace(0, beam / 1e3 / 2, 41)),
        ("recoil electron polar angle [deg]", recoil_theta, found, np.linspace(0, 90, 46)),
        ("ECal reconstructed energy [GeV]", ecal / 1e3, np.ones(len(weight), bool), np.linspace(0, beam / 1e3 / 2, 41)),
        ("ECal readout hits", hits, np.ones(len(weight), bool), np.arange(0, 151, 3)),
    ]
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.4))
    for ax, (label, values, mask, edges) in zip(axes, panels):
        ok = mask & np.isfinite(values)
        counts, _ = np.histogram(np.clip(values[ok], edges[0], edges[-1]), bins=edges, weights=weight[ok])
        if counts.sum() > 0:
            counts = counts / counts.sum()
        ax.stairs(counts, edges, fill=True, alpha=0.25, color="#1f6feb")
        ax.stairs(counts, edges, color="#1f6feb", lw=1.5)
        median = np.median(values[ok]) if ok.any() else np.nan
        ax.set(xlabel=label, ylabel="fraction of weighted events / bin")
        ax.set_title(f"median {median:.3g}", loc="right", fontsize=9)
        ax.grid(alpha=0.3)
    fig.suptitle(f"umbra produce darkphoton: {os.path.basename(path)}, {len(weight)} events", fontsize=10)
    fig.tight_layout()
    out = os.path.join(out_dir, "dark_photon_signal.png")
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 8000.0)

#!/usr/bin/python3
"""Compare the ECal/HCal veto variables of umbra event files (the /veto table, docs/format.md).

    /usr/bin/python3 python/veto_summary.py LABEL=FILE.h5 [LABEL=FILE.h5 ...]

Prints a Markdown table of the weighted mean and RMS of a few veto variables per file
(weights: /events/weight), e.g. an ALP signal against inclusive beam electrons.
"""
import sys

import h5py
import numpy as np

VARIABLES = [
    ("n_readout_hits", "ECal readout hits"),
    ("summed_det", "ECal rec energy [MeV]"),
    ("avg_layer_hit", "mean layer of hits"),
    ("std_layer_hit", "layer spread (E-weighted)"),
    ("shower_rms", "shower RMS [mm]"),
    ("n_straight_tracks", "straight MIP tracks"),
    ("hcal_max_pe", "HCal max PE"),
]


def summary(path):
    with h5py.File(path, "r") as f:
        if "veto" not in f:
            raise SystemExit(f"{path}: no /veto table (simulate with [reco] enabled, or run umbra reco)")
        weight = f["events/weight"][:]
        rows = {}
        for name, _ in VARIABLES:
            x = f["veto"][name][:].astype(float)
            mean = np.average(x, weights=weight) if weight.sum() > 0 else float("nan")
            rms = np.sqrt(np.average((x - mean) ** 2, weights=weight)) if weight.sum() > 0 else float("nan")
            rows[name] = (mean, rms)
        return len(weight), rows


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    samples = []
    for arg in argv[1:]:
        label, _, path = arg.partition("=")
        if not path:
            label, path = path or arg, arg
        samples.append((label, *summary(path)))
    print("| variable | " + " | ".join(f"{label} ({n} events)" for label, n, _ in samples) + " |")
    print("|---|" + "---:|" * len(samples))
    for name, title in VARIABLES:
        cells = [f"{rows[name][0]:.2f} ± {rows[name][1]:.2f}" for _, _, rows in samples]
        print(f"| {title} | " + " | ".join(cells) + " |")
    print("\n(mean ± RMS per event, weighted with /events/weight)")


if __name__ == "__main__":
    main(sys.argv)

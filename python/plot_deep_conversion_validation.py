#!/usr/bin/python3
"""Plot the deep-conversion weight validation (direct sampling vs brute force, z >= 250 mm).

    UMBRA_VALIDATION_OUTPUT=/tmp/dc build/tests/umbra_sim_tests --gtest_filter='DeepConversionValidation*'
    /usr/bin/python3 python/plot_deep_conversion_validation.py /tmp/dc/deep_conversion_validation.csv docs/img

Writes deep_conversion_validation.png: per-try yields in bins of the conversion vertex z and of
the e+e- opening angle, both methods with their statistical errors.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def main(path, out_dir):
    rows = list(csv.DictReader(open(path)))
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, quantity, label, scale in ((axes[0], "vertex_z_mm", "conversion vertex z [mm]", 1.0),
                                       (axes[1], "opening_angle_rad", "e+e- opening angle [mrad]", 1e3)):
        sel = [r for r in rows if r["quantity"] == quantity]
        low = np.array([float(r["low"]) for r in sel]) * scale
        high = np.array([float(r["high"]) for r in sel]) * scale
        if quantity == "opening_angle_rad":
            high[-1] = min(high[-1], 2.5)  # last bin open-ended: drawn to 2.5 mrad
        width = high - low
        centre = 0.5 * (low + high)
        for key, marker, name in (("brute_force", "o", "brute force (unbiased)"), ("direct", "s", "direct (weighted)")):
            y = np.array([float(r[key]) for r in sel]) / width
            e = np.array([float(r[key + "_error"]) for r in sel]) / width
            ax.errorbar(centre, y, yerr=e, xerr=0.5 * width, fmt=marker, label=name, markersize=4, capsize=2)
        ax.set_xlabel(label)
        ax.set_ylabel("yield per electron on target per bin width")
        ax.set_yscale("log")
        ax.legend()
    yield_row = [r for r in rows if r["quantity"] == "yield"][0]
    fig.suptitle("deep conversion, k > 5010 MeV, z > 250 mm: yield/EOT brute force {:.4f} ± {:.4f}, direct {:.4f} ± {:.4f}"
                 .format(float(yield_row["brute_force"]), float(yield_row["brute_force_error"]),
                         float(yield_row["direct"]), float(yield_row["direct_error"])), fontsize=9)
    fig.tight_layout()
    fig.savefig(f"{out_dir}/deep_conversion_validation.png", dpi=110)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])

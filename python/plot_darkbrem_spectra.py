#!/usr/bin/python3
"""Differential cross-sections of l N -> l N X from umbra gen (or MadGraph) LHE files.

    /usr/bin/python3 python/plot_darkbrem_spectra.py OUT.png FILE.lhe[.gz] [LABEL] [FILE2 LABEL2 ...]

Plots d(sigma)/dx (x = E_X/E0), d(sigma)/d(theta_X) and d(sigma)/d(theta_lepton), each
normalised to the file's cross-section (<init> XSECUP, pb), with statistical errors. Uses only
the standard library to read LHE (Debian's python3 with matplotlib and numpy)."""
import gzip
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

BOSONS = {1023, 622}


def read(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    sigma, x, theta_x, theta_l = None, [], [], []
    with opener(path, "rt") as f:
        in_init, in_event, lines = False, False, []
        for line in f:
            s = line.strip()
            if s.startswith("<init"):
                in_init, init_lines = True, []
                continue
            if in_init:
                if s.startswith("</init"):
                    in_init = False
                    sigma = float(init_lines[1].split()[0])
                else:
                    init_lines.append(s)
                continue
            if s.startswith("<event"):
                in_event, lines = True, []
                continue
            if in_event and s.startswith("</event"):
                in_event = False
                e0 = boson = lepton = None
                for row in lines[1:]:
                    c = row.split()
                    if len(c) != 13:
                        continue
                    pdg, status = int(c[0]), int(c[1])
                    px, py, pz, e = map(float, c[6:10])
                    if pdg in (11, 13) and status == -1:
                        e0 = e
                    elif pdg in (11, 13) and status == 1 and lepton is None:
                        lepton = (px, py, pz)
                    elif pdg in BOSONS:
                        boson = (px, py, pz, e)
                x.append(boson[3] / e0)
                theta_x.append(math.atan2(math.hypot(boson[0], boson[1]), boson[2]))
                theta_l.append(math.atan2(math.hypot(lepton[0], lepton[1]), lepton[2]))
            elif in_event:
                lines.append(s)
    return sigma, np.array(x), np.array(theta_x), np.array(theta_l)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, args = sys.argv[1], sys.argv[2:]
    samples = [(args[i], args[i + 1] if i + 1 < len(args) else args[i]) for i in range(0, len(args), 2)]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    for path, label in samples:
        sigma, x, theta_x, theta_l = read(path)
        n = len(x)
        for ax, values, bins, name in (
            (axes[0], x, np.linspace(0, 1, 51), "x = E_X / E_0"),
            (axes[1], theta_x, np.logspace(-5, 0, 51), "theta_X [rad]"),
            (axes[2], theta_l, np.logspace(-4, 0.5, 51), "theta_lepton [rad]"),
        ):
            counts, edges = np.histogram(values, bins=bins)
            widths = np.diff(edges)
            density = counts / n * sigma / widths
            error = np.sqrt(counts) / n * sigma / widths
            centers = 0.5 * (edges[1:] + edges[:-1])
            ax.errorbar(centers, density, yerr=error, drawstyle="steps-mid", label=f"{label} (mean {values.mean():.4g})")
            ax.set_xlabel(name)
            ax.set_ylabel("d sigma / d" + name.split(" ")[0] + " [pb per unit]")
        axes[1].set_xscale("log")
        axes[2].set_xscale("log")
    for ax in axes:
        ax.set_yscale("log")
        ax.legend(fontsize=8)
    fig.suptitle("umbra gen: exact tree-level l N -> l N X")
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Plots of the transport validation study (bench/TransportValidationStudy.cpp).

    python/plot_transport_validation.py <study-output-dir> [<image-dir>]

Reads the CSV files the study wrote and writes to <image-dir> (default docs/img/):
transport_longitudinal.png, transport_containment.png, transport_brem_spectrum.png,
transport_ecal_response.png, each with its reference curve overlaid. Needs only
numpy and matplotlib (Debian python3-numpy, python3-matplotlib).

References (docs/validation-transport.md has the discussion):
  * PDG review "Passage of particles through matter": longitudinal profile
    dE/dt = E0 b (bt)^(a-1) e^(-bt) / Gamma(a) with t_max = (a-1)/b = ln(E/Ec) - 0.5
    (eq. 34.35-34.36), Ec(W) = 7.97 MeV; Moliere radius R_M(W) = 9.327 mm, ~90 % of the
    energy within R_M and ~99 % within 3.5 R_M.
  * GFLASH homogeneous-media profile (Grindhammer & Peters, hep-ex/0001020; constants of
    Geant4's GVFlashHomoShowerTuning): T = ln y - 0.812, alpha = 0.81 + (0.458 + 2.26/Z) ln y.
  * Tsai thin-target bremsstrahlung spectrum (PDG eq. 34.29; Tsai, RMP 46 (1974) 815).
  * CALICE Si-W ECAL physics prototype, sigma/E = 16.6 %/sqrt(E/GeV) (+) 1.1 %
    (Adloff et al., NIM A 608 (2009) 372, arXiv:0811.2354).
"""
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

EC_W = 7.97  # MeV, PDG
CALICE = (0.166, 0.011)  # stochastic, constant


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {key: np.array([float(r[key]) for r in rows]) for key in rows[0]}


def gamma_profile(t, a, b):
    return b * np.exp((a - 1) * np.log(np.maximum(b * t, 1e-300)) - b * t - math.lgamma(a))


def plot_longitudinal(data, summary, out):
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    colours = {1000.0: "C0", 4000.0: "C1", 8000.0: "C2"}
    t_fine = np.linspace(0.01, 30, 600)
    for i, energy in enumerate(summary["energy_mev"]):
        sel = data["energy_mev"] == energy
        t = 0.5 * (data["t_low"][sel] + data["t_high"][sel])
        y = data["dEdt_over_E0"][sel]
        err = data["error"][sel]
        c = colours.get(energy, f"C{i}")
        label = f"{energy / 1000:g} GeV e- ({int(summary['events'][i])} ev.)"
        top.errorbar(t, y, yerr=err, fmt=".", ms=3, color=c, label=label)
        a, b, amp = summary["fit_a"][i], summary["fit_b"][i], summary["fit_amplitude"][i]
        top.plot(t_fine, amp * gamma_profile(t_fine, a, b), "-", color=c, lw=1,
                 label=f"  gamma fit a={a:.2f}, b={b:.3f}, t_max={summary['tmax_fit'][i]:.2f}")
        # PDG-parameterised curve: t_max = ln(E/Ec) - 0.5 with the fitted b (PDG eq. 34.36).
        tmax_pdg = math.log(energy / EC_W) - 0.5
        a_pdg = 1 + b * tmax_pdg
        top.plot(t_fine, amp * gamma_profile(t_fine, a_pdg, b), "--", color=c, lw=1,
                 label=f"  PDG t_max={tmax_pdg:.2f} (same b)")
        # GFLASH homogeneous-media parameterisation (Grindhammer & Peters, hep-ex/0001020).
        a_gf, b_gf = summary["a_gflash"][i], summary["b_gflash"][i]
        top.plot(t_fine, amp * gamma_profile(t_fine, a_gf, b_gf), ":", color=c, lw=1.2,
                 label=f"  GFLASH T={summary['tmax_gflash'][i]:.2f}, a={a_gf:.2f}, b={b_gf:.3f}")
        fit_bins = np.array([amp * np.mean(gamma_profile(np.linspace(lo, hi, 9), a, b))
                             for lo, hi in zip(data["t_low"][sel], data["t_high"][sel])])
        ok = fit_bins > 1e-3 * fit_bins.max()
        bottom.plot(t[ok], y[ok] / fit_bins[ok], ".", ms=3, color=c)
    top.set_ylabel(r"$(1/E_0)\,dE/dt$  [1/X$_0$]")
    top.set_title("Longitudinal e$^-$ shower profile in W (umbra transport)")
    top.legend(fontsize=7)
    top.set_xlim(0, 30)
    bottom.axhline(1, color="k", lw=0.8)
    bottom.set_ylim(0.8, 1.2)
    bottom.set_xlabel(r"depth $t$ [X$_0$]")
    bottom.set_ylabel("MC / fit")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "transport_longitudinal.png"), dpi=130)
    plt.close(fig)


def plot_containment(data, summary, out):
    fig, ax = plt.subplots(figsize=(7, 5))
    for i, energy in enumerate(summary["energy_mev"]):
        sel = data["energy_mev"] == energy
        ax.plot(data["r_over_rm"][sel], data["fraction_within"][sel], "-",
                label=f"{energy / 1000:g} GeV e-: r90 = {summary['r90_over_rm'][i]:.3f} R_M, "
                      f"f(R_M) = {summary['within_1rm'][i]:.3f}")
    ax.plot([1.0], [0.90], "k*", ms=12, label="PDG: ~90 % within R_M")
    ax.plot([3.5], [0.99], "kP", ms=10, label="PDG: ~99 % within 3.5 R_M")
    ax.axhline(0.9, color="grey", lw=0.5, ls=":")
    ax.axvline(1.0, color="grey", lw=0.5, ls=":")
    ax.set_xlabel(r"radius $r$ [R$_M$ = 9.327 mm]")
    ax.set_ylabel("fraction of deposited energy within r")
    ax.set_title("Radial containment of e$^-$ showers in W (umbra transport)")
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 1.01)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "transport_containment.png"), dpi=130)
    plt.close(fig)


def plot_brem(data, out):
    y = np.sqrt(data["y_low"] * data["y_high"])
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    top.errorbar(y, data["k_dNdk"], yerr=data["error"], fmt="k.", ms=4, label="umbra, 8 GeV e- on 0.1 X0 W")
    top.plot(y, data["tsai_simple"], "C0-", label="thin target, PDG eq. 34.29 (4/3 - 4/3 y + y$^2$)")
    top.plot(y, data["tsai_full"], "C1--", label="thin target, Tsai full complete screening")
    top.plot(y, data["tsai_full_thick"], "C2-.", label="Tsai full, folded with Bethe-Heitler e$^-$ energy loss")
    top.set_xscale("log")
    top.set_ylabel(r"$k\,dN/dk$ per electron")
    top.set_title("Bremsstrahlung photon spectrum (primary electron only)")
    top.legend(fontsize=8)
    for key, style in (("tsai_simple", "C0o"), ("tsai_full", "C1s"), ("tsai_full_thick", "C2^")):
        bottom.errorbar(y, data["k_dNdk"] / data[key], yerr=data["error"] / data[key], fmt=style, ms=3)
    bottom.axhline(1, color="k", lw=0.8)
    bottom.set_ylim(0.85, 1.15)
    bottom.set_xlabel(r"$y = k/E_0$")
    bottom.set_ylabel("umbra / formula")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "transport_brem_spectrum.png"), dpi=130)
    plt.close(fig)


def plot_ecal(summary, fits, out):
    e = summary["energy_mev"] / 1000
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    left.errorbar(e, summary["rec_over_beam"], yerr=summary["rec_over_beam_error"], fmt="ko",
                  label=r"$E_{rec}/E_{beam}$ (ldmx-sw layer weights)")
    sf = summary["sampling_fraction"]
    left.plot(e, sf / np.mean(sf), "C3s--", label=r"raw $E_{Si}/E_{beam}$, scaled to mean 1")
    left.axhline(1, color="grey", lw=0.8)
    left.fill_between([0.3, 12], 0.98, 1.02, color="grey", alpha=0.15, label="±2 %")
    left.set_xscale("log")
    left.set_xlim(0.35, 11)
    left.set_xlabel("beam energy [GeV]")
    left.set_ylabel("response")
    left.set_title("LDMX ECal linearity (no digitisation)")
    left.legend(fontsize=8)

    rec = fits["quantity"].index("e_rec")
    a, b = fits["stochastic"][rec], fits["constant"][rec]
    e_fine = np.geomspace(0.4, 10, 100)
    right.errorbar(e, 100 * summary["resolution"], yerr=100 * summary["resolution_error"], fmt="ko",
                   label=r"umbra $\sigma(E_{rec})/E_{rec}$ (RMS)")
    right.plot(e, 100 * summary["rec_core_rms"] / summary["rec_mean"], "kx", label="3σ-clipped RMS")
    right.plot(e_fine, 100 * np.hypot(a / np.sqrt(e_fine), b), "k-",
               label=f"fit {100 * a:.1f} %/√E ⊕ {100 * b:.2f} %")
    right.plot(e_fine, 100 * np.hypot(CALICE[0] / np.sqrt(e_fine), CALICE[1]), "C0--",
               label="CALICE Si-W prototype data: 16.6 %/√E ⊕ 1.1 %")
    right.set_xscale("log")
    right.set_xlabel("beam energy [GeV]")
    right.set_ylabel(r"$\sigma/E$ [%]")
    right.set_title("LDMX ECal energy resolution")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "transport_ecal_response.png"), dpi=130)
    plt.close(fig)


def read_fits(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {"quantity": [r["quantity"] for r in rows],
            "stochastic": [float(r["stochastic"]) for r in rows],
            "constant": [float(r["constant"]) for r in rows]}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "docs", "img")
    os.makedirs(out, exist_ok=True)
    done = []
    if os.path.exists(os.path.join(src, "shower_summary.csv")):
        summary = read(os.path.join(src, "shower_summary.csv"))
        plot_longitudinal(read(os.path.join(src, "shower_longitudinal.csv")), summary, out)
        plot_containment(read(os.path.join(src, "shower_containment.csv")), summary, out)
        done += ["transport_longitudinal.png", "transport_containment.png"]
    if os.path.exists(os.path.join(src, "brem_spectrum.csv")):
        plot_brem(read(os.path.join(src, "brem_spectrum.csv")), out)
        done.append("transport_brem_spectrum.png")
    if os.path.exists(os.path.join(src, "ecal_summary.csv")):
        plot_ecal(read(os.path.join(src, "ecal_summary.csv")), read_fits(os.path.join(src, "ecal_resolution_fit.csv")),
                  out)
        done.append("transport_ecal_response.png")
    for name in done:
        print(os.path.join(out, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())

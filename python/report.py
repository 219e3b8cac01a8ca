#!/usr/bin/python3
"""Write an HTML report comparing a signal with a background sample (umbra observable files).

    /usr/bin/python3 python/report.py --signal SIG.h5 [SIG2.h5 ...] --background BKG.h5 [...] \\
        [--model MODEL_DIR] [--signal-label "ALP m=30 MeV"] [--background-label "deep conversion"] \\
        -o report/

Inputs are the files of `umbra observables` (docs/format.md): the per-event groups
/observables (one float64 dataset per observable, NaN where undefined), /events (`weight`,
`tries`, ...) and optionally /bdt/score (`umbra bdt apply`); root string attributes
`umbra_version`, `command`, `config`, `inputs` and `cut_flow` (CSV `step,events,weight`).
Several files per sample are concatenated. MODEL_DIR is the output of `umbra bdt train`
(features.txt, roc.csv, roc_train.csv, importance.csv, summary.toml, scores_test.csv).

The output directory gets index.html with its PNG plots: per-observable weighted, unit-normalised
signal and background histograms with the single-variable weighted AUC; a table of observables
sorted by separation (also as separation.csv); cut flows and yields (sum of weights / sum of tries); ROC curves of the BDT
(test and train) and of the three best observables; BDT score distributions; the feature
importance; weighted correlation matrices; provenance. It is written into a temporary
directory next to it and renamed when complete. An existing directory is replaced only if it is
a previous report (it holds the marker file .umbra-report) or empty.

Bad input (a missing or unreadable file, no /observables, zero events, observables that differ
between the samples, missing model files) is reported on stderr, one line per problem, and in
the "Missing / problems" section at the top of the page; the report is written with what exists.

Exit status: 0 the report was written and shows at least one sample with events or a model
(there may be problems, listed in the page and on stderr); 1 nothing at all could be reported (no
readable events, no model) — the page listing the problems is still written; 2 usage error
(bad arguments, the output exists and is not a report, or it cannot be written); 3 internal error
(a bug: traceback on stderr, no report written).
"""
import argparse
import csv
import datetime
import html
import io
import math
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
import warnings
import tomllib
import traceback
from dataclasses import dataclass, field

try:
    import h5py
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as error:  # pragma: no cover - depends on the machine
    raise SystemExit(f"report: error: {error} (install python3-numpy, python3-h5py and python3-matplotlib: "
                     "scripts/setup)")

MARKER = ".umbra-report"
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

# Okabe-Ito colour-blind-safe palette: signal vermillion, background blue, BDT green.
SIGNAL_COLOUR = "#D55E00"
BACKGROUND_COLOUR = "#0072B2"
BDT_COLOUR = "#009E73"
BDT_FILES_COLOUR = "#CC79A7"
OBSERVABLE_COLOURS = ["#E69F00", "#56B4E9", "#882255"]

# Descriptions and units of well-known observables (the dataset attribute `unit` wins).
# Veto variables: include/umbra/reco/EcalVetoResult.hpp; the seed set: docs/analysis.md; the full
# set: src/analysis/FullObservableSet.cpp (its column list with units).
KNOWN = {
    "n_readout_hits": ("ECal readout hits", ""),
    "summed_det": ("ECal reconstructed energy", "MeV"),
    "summed_tight_iso": ("isolated ECal energy", "MeV"),
    "max_cell_dep": ("largest cell energy", "MeV"),
    "shower_rms": ("shower RMS about the centroid", "mm"),
    "x_std": ("energy-weighted x spread", "mm"),
    "y_std": ("energy-weighted y spread", "mm"),
    "avg_layer_hit": ("mean layer of hits", "layer"),
    "std_layer_hit": ("layer spread (energy-weighted)", "layers"),
    "deepest_layer_hit": ("deepest layer hit", "layer"),
    "ecal_back_energy": ("ECal energy in layers ≥ 20", "MeV"),
    "n_straight_tracks": ("straight MIP tracks", ""),
    "ep_sep": ("electron–photon separation", "mm"),
    "ep_dot": ("electron–photon direction cosine", ""),
    "ep_ang": ("electron–photon angle", "deg"),
    "recoil_p": ("recoil electron momentum", "MeV"),
    "recoil_theta": ("recoil electron angle", "deg"),
    "tau21": ("N-subjettiness ratio τ₂/τ₁", ""),
    "tau32": ("N-subjettiness ratio τ₃/τ₂", ""),
    "jettiness_ratio": ("N-subjettiness ratio τ₂/τ₁ (β = 2.5)", ""),
    "angularity": ("jet angularity (ΔR⁵, R = 0.15)", ""),
    "n_hits": ("ECal hits", ""),
    "total_energy": ("total ECal energy", "MeV"),
    "n_jets": ("jets", ""),
    "jet1_energy": ("leading-jet energy", "MeV"),
    "jet1_energy_fraction": ("leading-jet energy fraction", ""),
    "jet1_n_constituents": ("leading-jet constituents", ""),
    "jet1_mass": ("leading-jet mass", "MeV"),
    "jet1_width": ("leading-jet width", "rad"),
    "jet2_energy": ("second-jet energy", "MeV"),
    "sd_mass": ("soft-drop groomed mass", "MeV"),
    "sd_energy": ("soft-drop groomed energy", "MeV"),
    "sd_zg": ("soft-drop momentum fraction z_g", ""),
    "sd_rg": ("soft-drop groomed radius R_g", "rad"),
    "sd_n_constituents": ("soft-drop groomed constituents", ""),
    "theta12": ("opening angle of the two prongs", "rad"),
    "z12": ("two-prong energy sharing", ""),
    "y12": ("two-prong splitting scale", ""),
    "shower_rms_r": ("shower RMS radius", "mm"),
    "shower_z_mean": ("energy-weighted mean shower depth", "mm"),
    "shower_z_rms": ("shower depth RMS", "mm"),
    "n_hit_layers": ("layers with hits", ""),
    "first_hit_layer": ("first layer with a hit", "layer"),
    "last_hit_layer": ("last layer with a hit", "layer"),
    "decay_vertex_z": ("decay vertex z", "mm"),
    "bdt_score": ("BDT score", ""),
}
UNIT_PATTERNS = [
    # tau_N: dimensionless by default (normalise_tau); unnormalised ones carry their unit attribute
    (re.compile(r"^tau(21|32)_|^[ecdn][23]_b[12]$|^lambda_"), ""),  # ratios, correlators, angularities
    (re.compile(r"energy(?!_fraction)|_edep|_e$"), "MeV"),
    (re.compile(r"(^|_)[xy]_(mean|std)|_[xy]_(mean|std)|_z$|_mm$"), "mm"),
    (re.compile(r"layer_(mean|std)"), "layer"),
    (re.compile(r"_mev$"), "MeV"),
    (re.compile(r"_deg$"), "deg"),
    (re.compile(r"_ns$"), "ns"),
]


# ----------------------------------------------------------------------------------------------
# Problems: collected for the page, one line each on stderr.
class Problems:
    def __init__(self):
        self.items = []  # (where, what)

    def add(self, where, what):
        self.items.append((where, what))
        print(f"report: problem: {where}: {what}" if where else f"report: problem: {what}", file=sys.stderr)

    def __len__(self):
        return len(self.items)


# ----------------------------------------------------------------------------------------------
# Input files.
@dataclass
class FileInfo:
    path: str
    role: str
    exists: bool = False
    size_bytes: int = 0
    n_events: int = 0
    used_events: int = 0  # events that contribute to the sample (0 if the file was skipped)
    attrs: dict = field(default_factory=dict)  # root string attributes
    cut_flow: list = None  # [(step, events, weight)]
    weight_sum: float = 0.0
    tries_sum: float = None
    n_observables: int = 0
    has_bdt_score: bool = False


@dataclass
class Sample:
    role: str  # "signal" or "background"
    label: str
    colour: str
    files: list = field(default_factory=list)
    names: list = field(default_factory=list)  # observables, in the first file's order
    columns: dict = field(default_factory=dict)  # name -> float64 array
    units: dict = field(default_factory=dict)
    weight: np.ndarray = None
    tries_sum: float = None  # None if a used file has no /events/tries
    bdt_score: np.ndarray = None

    @property
    def n_events(self):
        return 0 if self.weight is None else len(self.weight)

    @property
    def title(self):
        return self.role if self.label == self.role else f"{self.role} ({self.label})"

    @property
    def usable(self):
        return self.n_events > 0 and bool(self.names)


def text_attr(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray) and value.shape == ():
        return text_attr(value[()])
    return str(value)


def parse_cut_flow(text):
    """CSV `step,events,weight`; a step name may contain unquoted commas (the last two fields are numbers)."""
    rows = [row for row in csv.reader(io.StringIO(text.strip())) if row]
    if not rows or [c.strip() for c in rows[0]] != ["step", "events", "weight"]:
        raise ValueError("expected CSV with header step,events,weight")
    if len(rows) < 2 or any(len(row) < 3 for row in rows[1:]):
        raise ValueError("expected rows of step,events,weight")
    return [(",".join(row[:-2]), int(float(row[-2])), float(row[-1])) for row in rows[1:]]


def read_file(info, problems):
    """Read one observable file; returns (columns, units, weight, tries, bdt_score) or None."""
    try:
        return read_file_unchecked(info, problems)
    except (OSError, KeyError, ValueError, RuntimeError) as error:  # corrupt or truncated files
        problems.add(info.path, f"unreadable ({error}); skipped")
        info.used_events = 0
        return None


def read_file_unchecked(info, problems):
    path = info.path
    if not os.path.exists(path):
        problems.add(path, f"file not found ({info.role} input)")
        return None
    info.exists = True
    info.size_bytes = os.path.getsize(path)
    try:
        f = h5py.File(path, "r")
    except OSError as error:
        problems.add(path, f"not a readable HDF5 file ({error})")
        return None
    with f:
        for key, value in f.attrs.items():
            if key in ("umbra_version", "command", "config", "inputs", "cut_flow", "merged_provenance"):
                info.attrs[key] = text_attr(value)
        if "cut_flow" in info.attrs:
            try:
                info.cut_flow = parse_cut_flow(info.attrs["cut_flow"])
            except (ValueError, KeyError) as error:
                problems.add(path, f"unreadable cut_flow attribute ({error})")
        version = f.attrs.get("schema_version")
        if version is None:
            problems.add(path, "no schema_version attribute (not an umbra event file?); skipped")
            return None
        if int(version) != 1:
            problems.add(path, f"schema_version {int(version)}, this report reads version 1; skipped")
            return None
        if "n_events" not in f.attrs:
            problems.add(path, "no n_events attribute (the file was not closed properly); skipped")
            return None
        n = info.n_events = int(f.attrs["n_events"])
        if n == 0:
            problems.add(path, "0 events")
            return None
        if "observables" not in f:
            problems.add(path, "no /observables group (not an output of umbra observables?)")
            return None

        def column(group, name):
            ds = group[name]
            if not isinstance(ds, h5py.Dataset) or ds.ndim != 1 or ds.dtype.kind not in "fiub":
                problems.add(path, f"/{group.name.strip('/')}/{name} is not a 1-D numeric dataset; ignored")
                return None
            if ds.shape[0] != n:
                problems.add(path, f"/{group.name.strip('/')}/{name} has {ds.shape[0]} rows, n_events is {n}; "
                                   "ignored")
                return None
            return ds[:].astype(np.float64, copy=False)

        group = f["observables"]
        columns, units = {}, {}
        for name in group:
            values = column(group, name)
            if values is not None:
                columns[name] = values
                if "unit" in group[name].attrs:
                    units[name] = text_attr(group[name].attrs["unit"])
        if not columns:
            problems.add(path, "/observables holds no per-event dataset")
            return None
        weight = tries = None
        events = f.get("events")
        if events is not None and "weight" in events:
            weight = column(events, "weight")
        if weight is None:
            problems.add(path, "no usable /events/weight; every event counted with weight 1")
            weight = np.ones(n)
        if events is not None and "tries" in events:
            tries = column(events, "tries")
        score = None
        if "bdt" in f and "score" in f["bdt"]:
            score = column(f["bdt"], "score")
    info.used_events = n
    info.n_observables = len(columns)
    info.weight_sum = float(weight.sum())
    info.tries_sum = None if tries is None else float(tries.sum())
    info.has_bdt_score = score is not None
    return columns, units, weight, tries, score


def load_sample(role, label, colour, paths, problems):
    sample = Sample(role, label, colour)
    loaded = []
    for path in paths:
        info = FileInfo(path, role)
        sample.files.append(info)
        result = read_file(info, problems)
        if result is not None:
            loaded.append((info, result))
    if not loaded:
        if paths:
            problems.add("", f"{sample.title}: no usable input file; the report shows no {role}")
        return sample
    first = list(loaded[0][1][0])
    common = [name for name in first if all(name in r[0] for _, r in loaded)]
    for info, (columns, *_rest) in loaded:
        missing = [name for name in first if name not in columns]
        extra = [name for name in columns if name not in first]
        if missing or extra:
            problems.add(info.path, f"observables differ from {loaded[0][0].path}: "
                                    f"{describe_names('missing', missing)}{describe_names('extra', extra)}"
                                    "only the common ones are used")
    sample.names = common
    sample.columns = {name: np.concatenate([r[0][name] for _, r in loaded]) for name in common}
    for _, r in reversed(loaded):
        sample.units.update(r[1])
    sample.weight = np.concatenate([r[2] for _, r in loaded])
    if all(r[3] is not None for _, r in loaded):
        sample.tries_sum = float(sum(r[3].sum() for _, r in loaded))
    if all(r[4] is not None for _, r in loaded):
        sample.bdt_score = np.concatenate([r[4] for _, r in loaded])
    if sample.weight.sum() <= 0:
        problems.add("", f"{sample.title}: the sum of weights is {sample.weight.sum():g}; "
                         "normalised plots and AUCs are not meaningful")
    return sample


def describe_names(what, names, limit=8):
    if not names:
        return ""
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f"{what} {shown}; "


# ----------------------------------------------------------------------------------------------
# Model directory (umbra bdt train).
def read_csv_columns(path, numeric=(), text=()):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in (*numeric, *text) if c not in header]
        if missing:
            raise ValueError(f"missing column(s) {', '.join(missing)} (header: {','.join(header)})")
        rows = list(reader)
    out = {c: np.array([float(r[c]) for r in rows]) for c in numeric}
    out.update({c: [r[c] for r in rows] for c in text})
    return out


def load_model(directory, problems):
    if directory is None:
        return None
    if not os.path.isdir(directory):
        problems.add(directory, "model directory not found")
        return None
    model = {"dir": directory}
    files = {
        "features": ("features.txt", None),
        "roc_test": ("roc.csv", dict(numeric=("threshold", "signal_efficiency", "background_efficiency"))),
        "roc_train": ("roc_train.csv", dict(numeric=("threshold", "signal_efficiency", "background_efficiency"))),
        "importance": ("importance.csv", dict(numeric=("gain", "weight", "cover"), text=("feature",))),
        "scores_test": ("scores_test.csv", dict(numeric=("label", "weight", "score"))),
        "summary": ("summary.toml", None),
    }
    for key, (name, columns) in files.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            problems.add(path, "missing from the model directory")
            continue
        try:
            if key == "features":
                with open(path) as f:
                    model[key] = [line.strip() for line in f if line.strip()]
            elif key == "summary":
                with open(path, "rb") as f:
                    model[key] = tomllib.load(f)
            else:
                model[key] = read_csv_columns(path, **columns)
        except (OSError, ValueError, tomllib.TOMLDecodeError) as error:
            problems.add(path, f"unreadable ({error})")
    for which in ("test", "train"):
        auc = None
        summary = model.get("summary", {})
        if isinstance(summary.get(f"auc_{which}"), (int, float)):
            auc = float(summary[f"auc_{which}"])
        elif f"roc_{which}" in model:
            roc = model[f"roc_{which}"]
            auc = trapezoid_auc(roc["background_efficiency"], roc["signal_efficiency"])
            if "summary" in model:
                problems.add(os.path.join(directory, "summary.toml"), f"no auc_{which} key; AUC from the ROC table")
        model[f"auc_{which}"] = auc
    return model


def trapezoid_auc(background_efficiency, signal_efficiency):
    x = np.concatenate([[0.0], np.asarray(background_efficiency, float), [1.0]])
    y = np.concatenate([[0.0], np.asarray(signal_efficiency, float), [1.0]])
    order = np.lexsort((y, x))
    x, y = x[order], y[order]
    return float(np.sum(np.diff(x) * 0.5 * (y[1:] + y[:-1])))


# ----------------------------------------------------------------------------------------------
# Statistics.
def finite(values, weight):
    mask = np.isfinite(values)
    return values[mask], weight[mask], int((~mask).sum())


def weighted_auc(xs, ws, xb, wb):
    """P(x_signal > x_background) + P(equal)/2 with event weights; the area under the ROC curve
    for "select x above a threshold" (Mann-Whitney U with ties counted half)."""
    total_s, total_b = ws.sum(), wb.sum()
    if len(xs) == 0 or len(xb) == 0 or total_s <= 0 or total_b <= 0:
        return None
    values, inverse = np.unique(np.concatenate([xs, xb]), return_inverse=True)
    per_value_s = np.bincount(inverse[:len(xs)], weights=ws, minlength=len(values))
    per_value_b = np.bincount(inverse[len(xs):], weights=wb, minlength=len(values))
    background_below = np.cumsum(per_value_b) - per_value_b
    return float(np.sum(per_value_s * (background_below + 0.5 * per_value_b)) / (total_s * total_b))


def roc_points(xs, ws, xb, wb, signal_high=True):
    """Signal and background efficiencies of the cuts x >= t (or x <= t) for every threshold t."""
    values, inverse = np.unique(np.concatenate([xs, xb]), return_inverse=True)
    per_value_s = np.bincount(inverse[:len(xs)], weights=ws, minlength=len(values))
    per_value_b = np.bincount(inverse[len(xs):], weights=wb, minlength=len(values))
    if signal_high:
        per_value_s, per_value_b = per_value_s[::-1], per_value_b[::-1]
    eff_s = np.concatenate([[0.0], np.cumsum(per_value_s) / ws.sum()])
    eff_b = np.concatenate([[0.0], np.cumsum(per_value_b) / wb.sum()])
    return eff_b, eff_s


def weighted_quantiles(x, w, quantiles):
    order = np.argsort(x, kind="stable")
    cumulative = np.cumsum(np.clip(w[order], 0, None))
    if cumulative[-1] <= 0:
        return np.quantile(x, quantiles)
    return np.interp(np.asarray(quantiles) * cumulative[-1], cumulative, x[order])


def core_range(x, w):
    """0.5 % and 99.5 % weighted quantiles and the extreme values, leaving out an isolated spike at
    either end: a value such as 999 or -1 that stands for "undefined" (e.g. ep_ang without
    trajectories) and carries >= 0.2 % of the weight far from everything else."""
    for _ in range(2):
        total = w.sum()
        low, high = weighted_quantiles(x, w, [0.005, 0.995])
        trimmed = False
        for extreme in (x.max(), x.min()):
            at = x == extreme
            if at.all() or total <= 0 or w[at].sum() < 0.002 * total:
                continue
            rest_low, rest_high = weighted_quantiles(x[~at], w[~at], [0.005, 0.995])
            if abs(extreme - np.clip(extreme, rest_low, rest_high)) > 2 * max(rest_high - rest_low, 1e-300):
                x, w, trimmed = x[~at], w[~at], True
                break
        if not trimmed:
            break
    low, high = weighted_quantiles(x, w, [0.005, 0.995])
    return low, high, x.min(), x.max(), bool(np.all(x == np.round(x)))


def choose_edges(samples, nbins):
    """Common bin edges from the 0.5 % and 99.5 % weighted quantiles of every sample, widened to the
    full range when that costs little; integer-valued observables get integer-centred bins."""
    ranges = [core_range(x, w) for x, w in samples if len(x)]
    if not ranges:
        return np.linspace(0, 1, nbins + 1)
    low, high = min(r[0] for r in ranges), max(r[1] for r in ranges)
    full_low, full_high = min(r[2] for r in ranges), max(r[3] for r in ranges)
    span = max(high - low, 1e-12 * max(abs(low), abs(high), 1.0))
    if full_low >= low - 0.1 * span:
        low = full_low
    if full_high <= high + 0.1 * span:
        high = full_high
    if all(r[4] for r in ranges):
        low, high = math.floor(low), math.ceil(high)
        width = max(1, math.ceil((high - low + 1) / nbins))
        n = math.ceil((high - low + 1) / width)
        return low - 0.5 + width * np.arange(n + 1, dtype=float)
    if high <= low:
        pad = 0.5 if low == 0 else 0.05 * abs(low)
        low, high = low - pad, high + pad
    return np.linspace(low, high, nbins + 1)


def weighted_moments(x, w):
    if len(x) == 0 or w.sum() <= 0:
        return float("nan"), float("nan")
    mean = np.average(x, weights=w)
    return float(mean), float(np.sqrt(max(np.average((x - mean) ** 2, weights=w), 0.0)))


def weighted_correlation(columns, weight):
    """Weighted Pearson correlations, pairwise over the events where both observables are finite."""
    x = np.column_stack(columns)
    valid = np.isfinite(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        constant = ~(np.nanmax(x, axis=0) > np.nanmin(x, axis=0))  # also all-NaN columns
    w = weight[:, None] * valid
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(valid, x, 0.0)
        mean = (w * x).sum(0) / w.sum(0)
        x = np.where(valid, x - mean, 0.0)  # centred and scaled first: no cancellation below
        scale = np.sqrt((w * x * x).sum(0) / w.sum(0))
        x = x / np.where(constant | ~(scale > 0), 1.0, scale)
        valid_f = valid.astype(float)
        wx = weight[:, None] * x
        sum_w = (w.T @ valid_f)
        mean_i = (wx.T @ valid_f) / sum_w
        var_i = ((wx * x).T @ valid_f) / sum_w - mean_i ** 2
        cov = (wx.T @ x) / sum_w - mean_i * mean_i.T
        r = cov / np.sqrt(var_i * var_i.T)
    r[:, constant] = np.nan
    r[constant, :] = np.nan
    return np.clip(r, -1, 1)


@dataclass
class Observable:
    name: str
    description: str
    unit: str
    auc: float = None  # P(signal > background)
    separation: float = None  # max(auc, 1 - auc)
    signal_high: bool = True
    stats: dict = field(default_factory=dict)  # role -> (mean, rms, n_nan, n_finite)
    overflow: dict = field(default_factory=dict)  # role -> (underflow, overflow) weight fractions
    png: str = ""
    data: dict = field(default_factory=dict)  # role -> (sample, finite values, their weights)


def describe(name, units):
    description, unit = KNOWN.get(name, ("", ""))
    if name in units:
        unit = units[name]
    elif name not in KNOWN:
        for pattern, guess in UNIT_PATTERNS:
            if pattern.search(name):
                unit = guess
                break
    return description, unit


# ----------------------------------------------------------------------------------------------
# Plots.
def style():
    plt.rcParams.update({
        "font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 10.5, "axes.labelsize": 10,
        "legend.fontsize": 8.5, "xtick.labelsize": 9, "ytick.labelsize": 9, "axes.grid": True,
        "grid.color": "#e3e3e3", "grid.linewidth": 0.7, "axes.axisbelow": True, "axes.spines.top": False,
        "axes.spines.right": False, "legend.frameon": False, "savefig.dpi": 110, "figure.dpi": 110,
    })


def axis_label(name, unit):
    return f"{name} [{unit}]" if unit else name


def plot_observable(path, observable, edges, entries):
    """entries: [(sample, finite values, weights)]. Values outside the edges go to the end bins."""
    fig, ax = plt.subplots(figsize=(4.6, 3.4))
    peak = 0.0
    for sample, x, w in entries:
        total = w.sum()
        if total <= 0:
            continue
        counts, _ = np.histogram(np.clip(x, edges[0], edges[-1]), bins=edges, weights=w)
        counts = counts / total
        peak = max(peak, counts.max())
        observable.overflow[sample.role] = (float(w[x < edges[0]].sum() / total),
                                            float(w[x > edges[-1]].sum() / total))
        ax.stairs(counts, edges, fill=True, color=sample.colour, alpha=0.18, lw=0)
        ax.stairs(counts, edges, color=sample.colour, lw=1.6, label=sample.role)  # full labels: page header
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, 1.3 * peak if peak > 0 else 1)
    ax.set_xlabel(axis_label(observable.description or observable.name, observable.unit))
    ax.set_ylabel("fraction of weighted events / bin")
    ax.set_title(observable.name, loc="left", fontsize=10, fontweight="bold")
    if observable.separation is not None:
        ax.set_title(f"AUC {observable.separation:.3f} · signal {'high' if observable.signal_high else 'low'}",
                     loc="right", fontsize=9, color="#333333")
    if peak > 0:
        ax.legend(loc="upper center", ncol=2, fontsize=8, handlelength=1.4, columnspacing=1.2)
    else:
        ax.text(0.5, 0.5, "no finite values", transform=ax.transAxes, ha="center", color="#777777")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_roc(path, curves):
    """curves: [(label, eff_b, eff_s, colour, linestyle)]"""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 4.3))
    for label, eff_b, eff_s, colour, linestyle in curves:
        left.plot(eff_b, eff_s, color=colour, ls=linestyle, lw=1.8, label=label)
        keep = eff_b > 0
        right.plot(eff_s[keep], eff_b[keep], color=colour, ls=linestyle, lw=1.8, label=label)
    left.plot([0, 1], [0, 1], color="#999999", lw=1, ls=":", label="random (AUC 0.5)")
    left.set(xlim=(0, 1), ylim=(0, 1.005), xlabel="background efficiency", ylabel="signal efficiency")
    left.set_title("ROC curve", loc="left", fontweight="bold")
    left.legend(loc="lower right")
    right.set_yscale("log")
    right.set(xlim=(0, 1), xlabel="signal efficiency", ylabel="background efficiency (log scale)")
    right.set_title("background efficiency at fixed signal efficiency", loc="left", fontweight="bold")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_scores(path, panels):
    """panels: [(title, [(label, score, weight, colour)])]"""
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 3.8), squeeze=False)
    for ax, (title, entries) in zip(axes[0], panels):
        scores = np.concatenate([s for _, s, _, _ in entries])
        low, high = float(np.min(scores)), float(np.max(scores))
        if 0 <= low and high <= 1:
            low, high = 0.0, 1.0
        elif high <= low:
            low, high = low - 0.5, high + 0.5
        edges = np.linspace(low, high, 41)
        for label, s, w, colour in entries:
            if w.sum() <= 0:
                continue
            counts, _ = np.histogram(np.clip(s, low, high), bins=edges, weights=w)
            counts = counts / w.sum()
            ax.stairs(counts, edges, fill=True, color=colour, alpha=0.18, lw=0)
            ax.stairs(counts, edges, color=colour, lw=1.6, label=label)
        ax.set_yscale("log")
        bottom, top = ax.get_ylim()
        ax.set_ylim(bottom, top * 60)  # room for the legend (one entry per line: labels can be long)
        ax.set(xlim=(low, high), xlabel="BDT score", ylabel="fraction of weighted events / bin")
        ax.set_title(title, loc="left", fontweight="bold")
        ax.legend(loc="upper center", ncol=1)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_importance(path, features, gains):
    order = np.argsort(gains)
    features, gains = [features[i] for i in order], np.asarray(gains)[order]
    fig, ax = plt.subplots(figsize=(7.5, max(2.4, 1.0 + 0.24 * len(features))))
    ax.barh(np.arange(len(features)), gains, color=BDT_COLOUR, height=0.7)
    ax.set_yticks(np.arange(len(features)), features, fontsize=8.5)
    ax.set_ylim(-0.6, len(features) - 0.4)
    ax.set_xlabel("gain (mean loss reduction of the splits on the feature)")
    ax.grid(axis="y", visible=False)
    ax.set_title("BDT feature importance", loc="left", fontweight="bold")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_correlation(path, names, matrix, title):
    n = len(names)
    size = max(4.8, 1.6 + 0.19 * n)
    fig, ax = plt.subplots(figsize=(size + 1.0, size))
    ax.grid(False)
    cmap = plt.get_cmap("RdBu_r").copy()
    cmap.set_bad("#dddddd")
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    fontsize = 8.5 if n <= 25 else max(5.0, 8.5 - (n - 25) * 0.08)
    ax.set_xticks(np.arange(n), names, rotation=90, fontsize=fontsize)
    ax.set_yticks(np.arange(n), names, fontsize=fontsize)
    if n <= 10:
        for i in range(n):
            for j in range(n):
                if np.isfinite(matrix[i, j]):
                    ax.text(j, i, f"{matrix[i, j]:.2f}", ha="center", va="center", fontsize=7,
                            color="white" if abs(matrix[i, j]) > 0.6 else "#222222")
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, shrink=0.8, label="weighted Pearson correlation")
    ax.set_title(title, loc="left", fontweight="bold")
    fig.savefig(path, bbox_inches="tight", pad_inches=0.12)
    plt.close(fig)


# ----------------------------------------------------------------------------------------------
# HTML.
CSS = """
:root { --sig: %s; --bkg: %s; --bdt: %s; --ink: #1d2330; --muted: #5b6476; --line: #dfe3ea; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { background: #1d2330; color: #fff; padding: 22px 0 18px; }
header .wrap, main { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
header p { margin: 0; color: #c9cfdb; font-size: 13.5px; }
.sig { color: var(--sig); font-weight: 600; } .bkg { color: var(--bkg); font-weight: 600; }
header .sig { color: #ff9a5c; } header .bkg { color: #7cc4f5; }
main { padding-top: 20px; padding-bottom: 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 22px 18px; margin: 0 0 20px; }
h2 { font-size: 19px; margin: 16px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15.5px; margin: 18px 0 8px; }
nav.toc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 22px; margin-bottom: 20px; }
nav.toc ol { margin: 4px 0; padding-left: 20px; columns: 3; column-gap: 32px; }
nav.toc a { color: #24509a; text-decoration: none; } nav.toc a:hover { text-decoration: underline; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 10px 0 4px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fbfcfd; }
.card .k { font-size: 12.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.card .v { font-size: 26px; font-weight: 600; line-height: 1.25; }
.card .s { font-size: 12.5px; color: var(--muted); }
.card.missing { border-color: #c0392b; background: #fff5f4; } .card.missing .v { color: #c0392b; }
.card.auc { border-color: var(--bdt); background: #effaf6; } .card.auc .v { color: #00704f; font-size: 30px; }
table.kv td:first-child { color: var(--muted); white-space: nowrap; }
table { border-collapse: collapse; font-size: 13.5px; margin: 6px 0 10px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; position: sticky; top: 0; }
tr:nth-child(even) td { background: #fafbfc; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; height: 9px; background: var(--bdt); border-radius: 2px; vertical-align: middle; margin-right: 6px; }
.problems { border-left: 5px solid #c0392b; background: #fff5f4; }
.problems li { margin: 3px 0; } .ok { border-left: 5px solid var(--bdt); }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 12.5px; }
pre { background: #f3f5f8; padding: 8px 10px; border-radius: 6px; overflow-x: auto; max-height: 360px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 14px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px; }
.stack figure { margin-bottom: 14px; } .stack img { max-width: 1100px; }
.obscell { display: inline-block; min-width: 200px; max-width: 340px; }
.scroll { overflow-x: auto; } .barbox { display: inline-block; width: 64px; text-align: left; }
figure { margin: 0; } figure img { width: 100%%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
figcaption { font-size: 12.5px; color: var(--muted); margin-top: 3px; }
img.wide { max-width: 100%%; height: auto; }
.muted { color: var(--muted); } .note { font-size: 13px; color: var(--muted); }
details summary { cursor: pointer; color: #24509a; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; margin-top: 10px; }
""" % (SIGNAL_COLOUR, BACKGROUND_COLOUR, BDT_COLOUR)


def esc(text):
    return html.escape(str(text))


def fmt_number(value, digits=4):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, (int, np.integer)) or (float(value).is_integer() and abs(value) < 1e15):
        return f"{int(value):,}".replace(",", "\u2009").replace("-", "−")  # thin-space groups
    if 1e4 <= abs(value) < 1e9:
        return f"{value:,.0f}".replace(",", "\u2009").replace("-", "−")
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.{digits}g}".replace("-", "−")
    return f"{value:.{max(digits - 1, 1)}e}".replace("-", "−")


def plural(count, noun):
    return f"{count} {noun}" + ("" if count == 1 else "s")


def fmt_percent(value):
    return "—" if value is None or not math.isfinite(value) else f"{100 * value:.2f}%"


def table(headers, rows, numeric=(), cls=""):
    head = "".join(f'<th class="n">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>"
                   for i, h in enumerate(headers or []))
    head = f"<thead><tr>{head}</tr></thead>" if head else ""
    body = "\n".join("<tr>" + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    attributes = f' class="{cls}"' if cls else ""
    return f'<div class="scroll"><table{attributes}>{head}<tbody>{body}</tbody></table></div>'


def figure(src, caption="", alt=""):
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    image = f'<img src="{esc(src)}" alt="{esc(alt or caption)}">'
    return f'<figure><a href="{esc(src)}">{image}</a>{cap}</figure>'


# ----------------------------------------------------------------------------------------------
# The report.
class Report:
    def __init__(self, args, workdir):
        self.args = args
        self.dir = workdir
        self.problems = Problems()
        self.sections = []  # (id, title, html)
        self.pngs = []

    def png(self, name):
        self.pngs.append(name)
        return os.path.join(self.dir, name)

    def build(self):
        args = self.args
        started = time.monotonic()
        style()
        self.signal = load_sample("signal", args.signal_label, SIGNAL_COLOUR, args.signal, self.problems)
        self.background = load_sample("background", args.background_label, BACKGROUND_COLOUR, args.background,
                                      self.problems)
        self.model = load_model(args.model, self.problems)
        self.samples = [s for s in (self.signal, self.background) if s.usable]
        self.check_names()
        self.observables = self.analyse_observables()
        self.sections.append(("samples", "Samples and cut flow", self.samples_section()))
        self.sections.append(("separation", "Single-observable separation", self.separation_section()))
        roc = self.roc_section()
        if roc:
            self.sections.append(("roc", "ROC curves", roc))
        bdt = self.bdt_section()
        if bdt:
            self.sections.append(("bdt", "BDT scores and feature importance", bdt))
        self.sections.append(("distributions", "Observable distributions", self.distributions_section()))
        self.sections.append(("correlations", "Correlations", self.correlation_section()))
        self.sections.append(("provenance", "Provenance", self.provenance_section()))
        self.elapsed = time.monotonic() - started
        with open(os.path.join(self.dir, "index.html"), "w", encoding="utf-8") as f:
            f.write(self.page())
        with open(os.path.join(self.dir, MARKER), "w") as f:
            f.write("umbra report (python/report.py): this directory is replaced by the next report written to it\n")
        return EXIT_OK if (self.samples or self.model_has_content()) else EXIT_NOTHING

    def model_has_content(self):
        return self.model is not None and any(k in self.model for k in
                                              ("roc_test", "roc_train", "importance", "scores_test", "summary"))

    # -- consistency ---------------------------------------------------------------------------
    def check_names(self):
        s, b = self.signal, self.background
        if s.usable and b.usable:
            only_s = [n for n in s.names if n not in b.columns]
            only_b = [n for n in b.names if n not in s.columns]
            if only_s or only_b:
                self.problems.add("", "signal and background observables differ: "
                                      + describe_names("only in the signal:", only_s)
                                      + describe_names("only in the background:", only_b)
                                      + "these are drawn without a comparison")
        if self.model and "features" in self.model and self.samples:
            for sample in self.samples:
                absent = [n for n in self.model["features"] if n not in sample.columns]
                if absent:
                    self.problems.add(self.model["dir"], f"model features not among the {sample.role} observables: "
                                      + describe_names("", absent).strip("; "))

    # -- per-observable analysis ---------------------------------------------------------------
    def analyse_observables(self):
        names = []
        for sample in self.samples:
            names += [n for n in sample.names if n not in names]
        units = {}
        for sample in reversed(self.samples):
            units.update(sample.units)
        observables = []
        for name in names:
            description, unit = describe(name, units)
            obs = Observable(name, description, unit)
            data = {}
            for sample in self.samples:
                if name in sample.columns:
                    x, w, n_nan = finite(sample.columns[name], sample.weight)
                    data[sample.role] = (sample, x, w)
                    obs.stats[sample.role] = (*weighted_moments(x, w), n_nan, len(x))
            if "signal" in data and "background" in data:
                (_, xs, ws), (_, xb, wb) = data["signal"], data["background"]
                obs.auc = weighted_auc(xs, ws, xb, wb)
                if obs.auc is not None:
                    obs.signal_high = obs.auc >= 0.5
                    obs.separation = max(obs.auc, 1 - obs.auc)
            obs.data = data
            observables.append(obs)
        observables.sort(key=lambda o: (o.separation is None, -(o.separation or 0), o.name))
        for i, obs in enumerate(observables):
            entries = [obs.data[r] for r in ("background", "signal") if r in obs.data]
            edges = choose_edges([(x, w) for _, x, w in entries], self.args.bins)
            obs.png = f"obs_{i:03d}_{re.sub(r'[^A-Za-z0-9_.-]', '_', obs.name)}.png"
            plot_observable(self.png(obs.png), obs, edges, entries)
        return observables

    # -- sections ------------------------------------------------------------------------------
    def samples_section(self):
        out = []
        rows = []
        for sample in (self.signal, self.background):
            cls = "sig" if sample.role == "signal" else "bkg"
            used = [f for f in sample.files if f.used_events]
            yield_ = (sample.weight.sum() / sample.tries_sum if sample.usable and sample.tries_sum else None)
            rows.append([f'<span class="{cls}">{esc(sample.label)}</span>', esc(sample.role),
                         f"{len(used)} / {len(sample.files)}", fmt_number(sample.n_events),
                         fmt_number(float(sample.weight.sum())) if sample.weight is not None else "—",
                         fmt_number(sample.tries_sum) if sample.tries_sum is not None else "—",
                         fmt_number(yield_), fmt_number(len(sample.names))])
        out.append(table(["sample", "role", "files used", "events", "Σ weights", "Σ tries",
                          "yield Σw/Σtries", "observables"], rows, numeric=(2, 3, 4, 5, 6, 7)))
        out.append('<p class="note">Yield: Σ weight / Σ tries over the events in the files, the weighted number of '
                   "selected events per simulated event (docs/format.md: <code>tries</code> counts the simulated "
                   "events since the previous written one, so the ratio survives skims and merges).</p>")
        for sample in (self.signal, self.background):
            cls = "sig" if sample.role == "signal" else "bkg"
            out.append(f'<h3>Cut flow: <span class="{cls}">{esc(sample.label)}</span></h3>')
            flows = [f for f in sample.files if f.cut_flow]
            if not flows:
                out.append('<p class="muted">No cut flow recorded in the input file(s) '
                           "(no <code>cut_flow</code> attribute).</p>")
                continue
            steps = [s for s, _, _ in flows[0].cut_flow]
            if all([s for s, _, _ in f.cut_flow] == steps for f in flows):
                groups = [(flows, f"summed over {len(flows)} files" if len(flows) > 1 else esc(flows[0].path))]
            else:
                groups = [([f], esc(f.path)) for f in flows]
            for files, caption in groups:
                steps = [s for s, _, _ in files[0].cut_flow]
                events = np.sum([[e for _, e, _ in f.cut_flow] for f in files], axis=0)
                weights = np.sum([[w for _, _, w in f.cut_flow] for f in files], axis=0)
                group_tries = (sum(f.tries_sum for f in files) if all(f.tries_sum is not None for f in files)
                               else None)
                rows = []
                for i, step in enumerate(steps):
                    total = weights[0] if weights[0] != 0 else float("nan")
                    previous = weights[i - 1] if i > 0 and weights[i - 1] != 0 else float("nan")
                    rows.append([f"<code>{esc(step)}</code>", fmt_number(int(events[i])), fmt_number(float(weights[i])),
                                 fmt_percent(weights[i] / total),
                                 fmt_percent(weights[i] / previous) if i > 0 else "—",
                                 fmt_number(float(weights[i]) / group_tries) if group_tries else "—"])
                out.append(f'<p class="note">{caption}</p>')
                out.append(table(["step", "events", "Σ weights", "efficiency (weighted)", "relative to previous",
                                  "yield per simulated event"], rows, numeric=(1, 2, 3, 4, 5)))
        return "\n".join(out)

    def write_separation_csv(self):
        """separation.csv: the table below, machine-readable (full precision)."""
        with open(os.path.join(self.dir, "separation.csv"), "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["observable", "unit", "auc", "separation", "signal_like", "signal_mean", "signal_rms",
                          "signal_nan", "background_mean", "background_rms", "background_nan"])
            for obs in self.observables:
                row = [obs.name, obs.unit, "" if obs.auc is None else repr(obs.auc),
                       "" if obs.separation is None else repr(obs.separation),
                       "" if obs.separation is None else ("high" if obs.signal_high else "low")]
                for role in ("signal", "background"):
                    mean, rms, n_nan, _ = obs.stats.get(role, (float("nan"), float("nan"), "", 0))
                    row += [repr(mean), repr(rms), n_nan]
                out.writerow(row)

    def separation_section(self):
        if not self.observables:
            return '<p class="muted">No observables to compare.</p>'
        self.write_separation_csv()
        rows = []
        for rank, obs in enumerate(self.observables, 1):
            cells = [str(rank), f'<span class="obscell"><a href="#obs-{esc(obs.name)}"><code>{esc(obs.name)}</code></a>'
                     + (f' <span class="note">{esc(obs.description)}</span>' if obs.description else "") + "</span>",
                     esc(obs.unit) or '<span class="muted">—</span>']
            if obs.separation is not None:
                width = max(0.0, (obs.separation - 0.5) * 2) * 60
                cells += [f'<span class="barbox"><span class="bar" style="width:{width:.0f}px"></span></span>'
                          f"{obs.separation:.3f}",
                          "high ↑" if obs.signal_high else "low ↓"]
            else:
                cells += ["—", "—"]
            for role in ("signal", "background"):
                if role in obs.stats:
                    mean, rms, n_nan, _ = obs.stats[role]
                    cells += [f"{fmt_number(mean)} ± {fmt_number(rms, 3)}", fmt_number(n_nan)]
                else:
                    cells += ["—", "—"]
            rows.append(cells)
        headers = ["#", "observable", "unit", "AUC = max(A, 1−A)", "signal-like", "signal mean ± RMS", "NaN",
                   "background mean ± RMS", "NaN"]
        return ("<p>Each observable used alone as a cut: A is the weighted probability that a signal event has a "
                "larger value than a background event (ties count half), the area under its ROC curve. The table "
                "gives max(A, 1 − A) and the side where signal lies; 0.5 means no separation, 1 complete. NaN "
                "(or infinite) entries, undefined observables, are left out of the AUC and the histograms and "
                "counted here.</p>"
                + table(headers, rows, numeric=(0, 3, 5, 6, 7, 8))
                + '<p class="note">The same table with full precision: '
                '<a href="separation.csv">separation.csv</a>.</p>')

    def roc_section(self):
        curves = []
        model = self.model or {}
        for which, linestyle in (("test", "-"), ("train", "--")):
            if f"roc_{which}" in model:
                roc = model[f"roc_{which}"]
                order = np.lexsort((roc["signal_efficiency"], roc["background_efficiency"]))
                auc = model.get(f"auc_{which}")
                curves.append((f"BDT, {which} sample (AUC {auc:.4f})" if auc is not None else f"BDT, {which} sample",
                               roc["background_efficiency"][order], roc["signal_efficiency"][order], BDT_COLOUR,
                               linestyle))
        self.files_bdt_auc = None
        if self.signal.usable and self.background.usable and self.signal.bdt_score is not None \
                and self.background.bdt_score is not None:
            xs, ws, _ = finite(self.signal.bdt_score, self.signal.weight)
            xb, wb, _ = finite(self.background.bdt_score, self.background.weight)
            self.files_bdt_auc = weighted_auc(xs, ws, xb, wb)
            if self.files_bdt_auc is not None:
                eff_b, eff_s = roc_points(xs, ws, xb, wb, signal_high=True)
                curves.append((f"BDT, /bdt/score of the inputs (AUC {self.files_bdt_auc:.4f})", eff_b, eff_s,
                               BDT_FILES_COLOUR, "-."))
        best = [o for o in self.observables if o.separation is not None][:3]
        for obs, colour in zip(best, OBSERVABLE_COLOURS):
            (_, xs, ws), (_, xb, wb) = obs.data["signal"], obs.data["background"]
            eff_b, eff_s = roc_points(xs, ws, xb, wb, signal_high=obs.signal_high)
            curves.append((f"{obs.name} {'>' if obs.signal_high else '<'} cut (AUC {obs.separation:.3f})", eff_b,
                           eff_s, colour, "-"))
        if not curves:
            return ""
        plot_roc(self.png("roc.png"), curves)
        text = ("<p>Signal efficiency against background efficiency (weighted). BDT curves come from the model "
                "directory (<code>roc.csv</code>, <code>roc_train.csv</code>); a train AUC well above the test AUC "
                "means over-training. Single observables: cut on the side where signal lies. The right panel "
                "shows the background efficiency on a log scale.</p>")
        if self.files_bdt_auc is not None:
            text += ('<p class="note">The /bdt/score curve uses every event of the input files, training events '
                     "included: use the test-sample AUC for performance.</p>")
        return text + '<img class="wide" src="roc.png" alt="ROC curves">'

    def bdt_section(self):
        out = []
        model = self.model or {}
        panels = []
        if "scores_test" in model:
            st = model["scores_test"]
            signal = st["label"] == 1
            panels.append(("test sample (scores_test.csv)",
                           [(self.background.label, st["score"][~signal], st["weight"][~signal], BACKGROUND_COLOUR),
                            (self.signal.label, st["score"][signal], st["weight"][signal], SIGNAL_COLOUR)]))
        if self.files_bdt_auc is not None:
            panels.append(("input files (/bdt/score)",
                           [(s.label, *finite(s.bdt_score, s.weight)[:2], s.colour)
                            for s in (self.background, self.signal)]))
        panels = [p for p in panels if all(len(e[1]) for e in p[1])]
        if panels:
            plot_scores(self.png("bdt_scores.png"), panels)
            out.append("<h3>Score distributions</h3><p>Weighted and normalised to unit area, log scale.</p>"
                       '<img class="wide" src="bdt_scores.png" alt="BDT score distributions">')
        if "importance" in model and (model["importance"]["gain"] > 0).any():
            imp = model["importance"]
            used = [(f, g) for f, g in zip(imp["feature"], imp["gain"]) if g > 0]
            plot_importance(self.png("importance.png"), [f for f, _ in used], [g for _, g in used])
            features = model.get("features", imp["feature"])
            unused = [f for f in features if f not in {f for f, _ in used}]
            note = (f'<p class="note">{len(unused)} of the {len(features)} features were never used in a split '
                    f"(gain 0): {esc(', '.join(unused))}.</p>" if unused else "")
            out.append("<h3>Feature importance</h3>" + note +
                       '<img class="wide" src="importance.png" alt="feature importance" style="max-width:760px">')
        if "summary" in model:
            rows = [[f"<code>{esc(k)}</code>", summary_value(v)] for k, v in flatten(model["summary"])]
            out.append("<h3>Training summary (summary.toml)</h3>" + table(["key", "value"], rows))
        return "\n".join(out)

    def distributions_section(self):
        if not self.observables:
            return '<p class="muted">No observable could be read.</p>'
        out = ["<p>Weighted histograms, each normalised to unit area; binning from the 0.5 %–99.5 % weighted "
               "quantiles of both samples, leaving out isolated sentinel values such as 999; values outside the "
               "axis are added to the first and last bins (fractions of 1 % or more are given under the plot); "
               "integer-valued observables get integer-centred bins. In the order of the separation table. "
               f"The legends say <i>signal</i> ({esc(self.signal.label)}) and <i>background</i> "
               f"({esc(self.background.label)}).</p>",
               '<div class="grid">']
        for obs in self.observables:
            notes = []
            labels = {s.role: s.label for s in (self.signal, self.background)}
            nan = [f"{esc(labels[role])} {fmt_number(obs.stats[role][2])}" for role in obs.stats if obs.stats[role][2]]
            if nan:
                notes.append(f"NaN (not drawn): {', '.join(nan)}")
            ends = []
            for role, (under, over) in obs.overflow.items():
                parts = [f"{100 * f:.1f} % {side}" for f, side in ((under, "below"), (over, "above")) if f >= 0.01]
                if parts:
                    ends.append(f"{esc(labels[role])} {' and '.join(parts)}")
            if ends:
                notes.append("in the end bins: " + "; ".join(ends))
            caption = "; ".join(notes)
            out.append(f'<div id="obs-{esc(obs.name)}">' + figure(obs.png, caption, obs.name) + "</div>")
        out.append("</div>")
        return "\n".join(out)

    def correlation_section(self):
        out = []
        for sample in self.samples:
            if len(sample.names) < 2:
                continue
            matrix = weighted_correlation([sample.columns[n] for n in sample.names], sample.weight)
            name = f"correlation_{sample.role}.png"
            plot_correlation(self.png(name), sample.names, matrix, f"{sample.label}: weighted correlations")
            out.append(figure(name, f"{esc(sample.label)} ({sample.role})", f"{sample.role} correlation matrix"))
        if not out:
            return '<p class="muted">Needs at least two observables in a sample.</p>'
        layout = "grid2" if max(len(s.names) for s in self.samples) <= 20 else "stack"
        return ("<p>Weighted Pearson correlation coefficients, each pair over the events where both are defined; "
                f'grey: undefined (a constant observable).</p><div class="{layout}">' + "".join(out) + "</div>")

    def provenance_section(self):
        out = []
        for sample in (self.signal, self.background):
            for info in sample.files:
                status = ("used" if info.used_events else "not found" if not info.exists else "not used (see problems)")
                rows = [["role", esc(f"{info.role} ({sample.label})")],
                        ["path", f"<code>{esc(os.path.abspath(info.path))}</code>"],
                        ["status", esc(status)]]
                if info.exists:
                    rows.append(["size", f"{fmt_number(info.size_bytes)} bytes"])
                    rows.append(["events", fmt_number(info.n_events)])
                if info.used_events:
                    rows.append(["observables", fmt_number(info.n_observables)])
                    rows.append(["Σ weights / Σ tries",
                                 f"{fmt_number(info.weight_sum)} / {fmt_number(info.tries_sum)}"])
                    rows.append(["/bdt/score", "yes" if info.has_bdt_score else "no"])
                for key in ("umbra_version", "command"):
                    if key in info.attrs:
                        rows.append([key, f"<code>{esc(info.attrs[key])}</code>"])
                for key in ("inputs", "config", "merged_provenance", "cut_flow"):
                    if info.attrs.get(key, "").strip():
                        rows.append([key, f"<details><summary>{plural(len(info.attrs[key].splitlines()), 'line')}</summary>"
                                          f"<pre>{esc(info.attrs[key])}</pre></details>"])
                out.append(f"<h3><code>{esc(os.path.basename(info.path))}</code></h3>" + table(None, rows, cls="kv"))
        if self.model is not None:
            present = [n for n in ("features.txt", "roc.csv", "roc_train.csv", "importance.csv", "summary.toml",
                                   "scores_test.csv") if os.path.exists(os.path.join(self.model["dir"], n))]
            out.append("<h3>Model</h3>" + table(None, [
                ["directory", f"<code>{esc(os.path.abspath(self.model['dir']))}</code>"],
                ["files", esc(", ".join(present) or "none")],
                ["features", fmt_number(len(self.model.get("features", [])))]], cls="kv"))
        versions = (f"python {sys.version.split()[0]}, numpy {np.__version__}, h5py {h5py.__version__}, "
                    f"matplotlib {matplotlib.__version__}")
        out.append("<h3>This report</h3>" + table(None, [
            ["command", f"<code>{esc(shlex.join(self.args.command_line))}</code>"],
            ["written", esc(datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z"))],
            ["software", esc(versions)]], cls="kv"))
        return "\n".join(out)

    # -- page ----------------------------------------------------------------------------------
    def headline(self):
        cards = []
        model = self.model or {}
        for which in ("test", "train"):
            auc = model.get(f"auc_{which}")
            if auc is not None:
                cards.append(("auc", f"BDT AUC ({which})", f"{auc:.4f}",
                              "held-out events" if which == "test" else "training events"))
        if not cards and self.files_bdt_auc is not None:
            cards.append(("auc", "BDT AUC (input files)", f"{self.files_bdt_auc:.4f}", "training events included"))
        best = next((o for o in self.observables if o.separation is not None), None)
        if best:
            cards.append(("", "best single observable", f"{best.separation:.3f}", f"AUC of {esc(best.name)}"))
        for sample in (self.signal, self.background):
            cls = "sig" if sample.role == "signal" else "bkg"
            if sample.usable:
                cards.append(("", sample.role, fmt_number(sample.n_events),
                              f'events, <span class="{cls}">{esc(sample.label)}</span>'))
            elif not sample.files:
                cards.append(("", sample.role, "—", f'<span class="{cls}">{esc(sample.label)}</span>: no file given'))
            else:
                cards.append(("missing", sample.role, "missing",
                              f'<span class="{cls}">{esc(sample.label)}</span>: see <a href="#problems">problems</a>'))
        return '<div class="cards">' + "".join(
            f'<div class="card {c}"><div class="k">{esc(k)}</div><div class="v">{v}</div><div class="s">{s}</div></div>'
            for c, k, v, s in cards) + "</div>"

    def problems_html(self):
        if not self.problems.items:
            return ('<section class="ok" id="problems"><h2>Missing / problems</h2>'
                    "<p>None: every input was read and the samples agree.</p></section>")
        items = "".join(f"<li><code>{esc(where)}</code>: {esc(what)}</li>" if where else f"<li>{esc(what)}</li>"
                        for where, what in self.problems.items)
        return (f'<section class="problems" id="problems"><h2>Missing / problems ({len(self.problems)})</h2>'
                f"<p>The report shows what could be read; these inputs are missing or inconsistent:</p>"
                f"<ul>{items}</ul></section>")

    def page(self):
        title = f"{self.signal.label} vs {self.background.label}"
        toc = [("summary", "Summary"), ("problems", f"Missing / problems ({len(self.problems)})")]
        toc += [(i, t) for i, t, _ in self.sections]
        nav = "".join(f'<li><a href="#{i}">{esc(t)}</a></li>' for i, t in toc)
        sections = "\n".join(f'<section id="{i}"><h2>{esc(t)}</h2>\n{body}\n</section>' for i, t, body in self.sections)
        when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>umbra report: {esc(title)}</title>
<style>{CSS}</style></head>
<body>
<header><div class="wrap"><h1>umbra report: <span class="sig">{esc(self.signal.label)}</span> vs
<span class="bkg">{esc(self.background.label)}</span></h1>
<p>{self.signal.n_events} signal and {self.background.n_events} background events, {len(self.observables)} observables
&middot; written {esc(when)}</p></div></header>
<main>
<section id="summary"><h2>Summary</h2>{self.headline()}</section>
{self.problems_html()}
<nav class="toc"><strong>Contents</strong><ol>{nav}</ol></nav>
{sections}
<footer>umbra report &middot; python/report.py &middot; {len(self.pngs)} plots in {self.elapsed:.1f} s</footer>
</main></body></html>
"""


def summary_value(value):
    """A summary.toml value for the page: lists joined, long texts folded."""
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value)
        if len(value) > 6:
            return f"<details><summary>{len(value)} entries</summary>{esc(text)}</details>"
        return esc(text)
    if isinstance(value, float):
        return esc(f"{value:.6g}")
    return esc(value)


def flatten(table_, prefix=""):
    for key, value in table_.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


# ----------------------------------------------------------------------------------------------
# Output directory: a temporary sibling renamed into place.
def is_report_dir(path):
    return os.path.isfile(os.path.join(path, MARKER))


def check_output(path):
    if os.path.lexists(path):
        if not os.path.isdir(path) or os.path.islink(path):
            return f"{path} exists and is not a directory; choose another -o"
        if not is_report_dir(path) and os.listdir(path):
            return (f"{path} exists and is not an umbra report (no {MARKER} marker); "
                    "refusing to replace it: choose another -o or remove it")
    return None


def publish(workdir, target):
    problem = check_output(target)
    if problem:
        raise OSError(problem)
    if os.path.isdir(target):
        old = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.old-", dir=os.path.dirname(target))
        os.rmdir(old)
        os.rename(target, old)
        os.rename(workdir, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(workdir, target)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="report.py", description="HTML report comparing a signal and a background sample (umbra observable "
        "files) and, optionally, a BDT model directory.",
        epilog="Exit status: 0 report written; 1 nothing could be reported (no readable events, no model; the page "
        "listing the problems is still written); 2 usage error or the output cannot be written; 3 internal error.")
    parser.add_argument("--signal", nargs="+", action="extend", default=[], metavar="FILE",
                        help="observable file(s) of the signal")
    parser.add_argument("--background", nargs="+", action="extend", default=[], metavar="FILE",
                        help="observable file(s) of the background")
    parser.add_argument("--model", metavar="DIR", help="model directory of `umbra bdt train`")
    parser.add_argument("--signal-label", default="signal", help="legend label of the signal")
    parser.add_argument("--background-label", default="background", help="legend label of the background")
    parser.add_argument("--bins", type=int, default=40, help="histogram bins (default 40)")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="report directory to write")
    args = parser.parse_args(argv)
    if not args.signal and not args.background and not args.model:
        parser.error("nothing to report: give --signal, --background and/or --model")
    if args.bins < 2:
        parser.error("--bins must be at least 2")
    return args


def main(argv):
    args = parse_args(argv[1:])
    args.command_line = argv
    target = os.path.abspath(args.output.rstrip("/") or "/")
    problem = check_output(target)
    if problem:
        print(f"report: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    parent = os.path.dirname(target)
    try:
        os.makedirs(parent, exist_ok=True)
        workdir = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.tmp-", dir=parent)
    except OSError as error:
        print(f"report: error: cannot write {target} ({error})", file=sys.stderr)
        return EXIT_USAGE
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(workdir, 0o777 & ~umask)
        report = Report(args, workdir)
        status = report.build()
        publish(workdir, target)
    except OSError as error:
        print(f"report: error: cannot write {target} ({error})", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # a bug: say so, distinct from the documented statuses
        traceback.print_exc()
        print("report: internal error (a bug in python/report.py; please report it with the traceback above)",
              file=sys.stderr)
        return EXIT_BUG
    finally:
        if os.path.isdir(workdir):
            shutil.rmtree(workdir, ignore_errors=True)
    summary = f"{len(report.pngs)} plots, {len(report.problems)} problem(s), {report.elapsed:.1f} s"
    if status == EXIT_NOTHING:
        print(f"report: error: nothing could be reported; {target}/index.html lists the problems ({summary})",
              file=sys.stderr)
    else:
        print(f"report: wrote {target}/index.html ({summary})")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))

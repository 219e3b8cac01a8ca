#!/usr/bin/python3
"""Fallback sample maker for bench/lhe_compare.sh, used only when
`umbra lhe toy-sample` is not available: a MadGraph-style LHE file of
e- N -> e- N a, a -> e+ e- events (7 particles, ALP 622, nucleus 623) with
toy kinematics (realistic sizes, not physics), numbers with 11 significant
digits in MadGraph's signed exponent format.

    /usr/bin/python3 bench/make_toy_lhe.py --events 100000 --seed 1 -o FILE.lhe.gz
"""

import argparse
import gzip
import math
import random

BEAM = 8.0          # GeV
NUCLEUS = 171.3     # GeV
ALP = 0.05          # GeV
ME = 0.000510998950  # GeV

HEADER = """<LesHouchesEvents version="3.0">
<header>
<!-- bench/make_toy_lhe.py: synthetic MadGraph-style sample, not physics -->
<MGRunCard>
<![CDATA[
  {events} = nevents ! Number of unweighted events requested
  {seed} = iseed   ! rnd seed (0=assigned automatically=default))
]]>
</MGRunCard>
<slha>
BLOCK MASS #
      622 5.000000e-02 # ma
      623 1.713000e+02 # mn
</slha>
</header>
<init>
 11 623 8.000000e+00 0.000000e+00 0 0 0 0 3 1
 2.137841e-05 3.100000e-08 2.137841e-05 1
</init>
"""


def fmt(x):
    return f"{x:+.10e}"  # MadGraph writes 11 significant digits


def along(p, m, cos_theta, phi):
    s = math.sqrt(max(0.0, 1 - cos_theta * cos_theta))
    return [p * s * math.cos(phi), p * s * math.sin(phi), p * cos_theta, math.sqrt(p * p + m * m)]


def boost(v, frame):
    mass = math.sqrt(max(frame[3] ** 2 - sum(c * c for c in frame[:3]), 0.0))
    b = [c / frame[3] for c in frame[:3]]
    gamma = frame[3] / mass
    bp = sum(bi * vi for bi, vi in zip(b, v[:3]))
    b2 = sum(bi * bi for bi in b)
    f = (gamma - 1) * bp / b2 + gamma * v[3] if b2 > 0 else 0.0
    return [v[0] + f * b[0], v[1] + f * b[1], v[2] + f * b[2], gamma * (v[3] + bp)]


def event(rng):
    ea = BEAM * (0.5 + 0.49 * rng.random())
    alp = along(math.sqrt(ea * ea - ALP * ALP), ALP, math.cos(ALP / ea * 3 * rng.random()),
                2 * math.pi * rng.random())
    ee = max(BEAM - ea - 1e-3 * rng.random(), 0.01)
    el = along(math.sqrt(ee * ee - ME * ME), ME, math.cos(0.02 * rng.random()),
               2 * math.pi * rng.random())
    q = [-alp[0] - el[0], -alp[1] - el[1], BEAM - alp[2] - el[2]]
    nucleus = q + [math.sqrt(sum(c * c for c in q) + NUCLEUS * NUCLEUS)]
    pstar = math.sqrt(ALP * ALP / 4 - ME * ME)
    minus = along(pstar, ME, 2 * rng.random() - 1, 2 * math.pi * rng.random())
    plus = [-minus[0], -minus[1], -minus[2], minus[3]]
    h = -1.0 if rng.random() < 0.5 else 1.0
    rows = [
        (11, -1, 0, 0, [0.0, 0.0, BEAM, BEAM], 0.0, h),
        (623, -1, 0, 0, [0.0, 0.0, 0.0, NUCLEUS], NUCLEUS, 9.0),
        (11, 1, 1, 2, el, ME, h),
        (623, 1, 1, 2, nucleus, NUCLEUS, 9.0),
        (622, 2, 1, 2, alp, ALP, 0.0),
        (11, 1, 5, 5, boost(minus, alp), ME, -1.0),
        (-11, 1, 5, 5, boost(plus, alp), ME, 1.0),
    ]
    weight = 2.137841e-05 * (1 + 1e-3 * (rng.random() - 0.5))
    out = [f"<event>\n 7 1 {fmt(weight)} {fmt(BEAM * (0.9 + 0.2 * rng.random()))} "
           f"{fmt(0.007546771)} {fmt(0.118)}\n"]
    for pdg, status, m1, m2, v, m, spin in rows:
        out.append(f" {pdg:>8} {status:>2} {m1:>4} {m2:>4} {0:>4} {0:>4} "
                   f"{fmt(v[0])} {fmt(v[1])} {fmt(v[2])} {fmt(v[3])} {fmt(m)} "
                   f"{fmt(0.0)} {fmt(spin)}\n")
    out.append("</event>\n")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    opener = gzip.open if args.output.endswith(".gz") else open
    with opener(args.output, "wt") as out:
        out.write(HEADER.format(events=args.events, seed=args.seed))
        for _ in range(args.events):
            out.write(event(rng))
        out.write("</LesHouchesEvents>\n")


if __name__ == "__main__":
    main()

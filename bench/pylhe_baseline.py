#!/usr/bin/python3
"""Minimal Python LHE reader: the baseline of the LHE read-speed target.

This is the approach pylhe takes: stream the file through
xml.etree.ElementTree.iterparse, and for every <event> element split its
text into lines and convert every number with int()/float(): the six
numbers of the event line and the 13 columns of each particle line. Other
lines of the event (comments, #vertex) are skipped as pylhe does. Elements
are cleared after use so memory stays flat.

Standard library only; run with Debian's /usr/bin/python3:

    /usr/bin/python3 bench/pylhe_baseline.py FILE.lhe[.gz] [FILE ...]

Prints the number of events and the sum of event weights (XWGTUP).
"""

import gzip
import sys
import xml.etree.ElementTree as ET


def open_lhe(path):
    """Open plain or gzip LHE, recognised from the magic bytes."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def read(path):
    events = 0
    weight_sum = 0.0
    px_sum = 0.0
    with open_lhe(path) as stream:
        context = ET.iterparse(stream, events=("start", "end"))
        _, root = next(context)  # <LesHouchesEvents>
        for kind, element in context:
            if kind != "end" or element.tag != "event":
                continue
            lines = element.text.strip().split("\n")
            # Event line: NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP
            fields = lines[0].split()
            nup = int(fields[0])
            process_id = int(fields[1])
            weight, scale, alpha_qed, alpha_qcd = (float(x) for x in fields[2:6])
            particles = []
            for line in lines[1:1 + nup]:
                c = line.split()
                # IDUP ISTUP MOTHUP1 MOTHUP2 ICOLUP1 ICOLUP2 PUP1..5 VTIMUP SPINUP
                particles.append((
                    int(c[0]), int(c[1]), int(c[2]), int(c[3]), int(c[4]), int(c[5]),
                    float(c[6]), float(c[7]), float(c[8]), float(c[9]), float(c[10]),
                    float(c[11]), float(c[12]),
                ))
            if len(particles) != nup:
                raise ValueError(f"{path}: event {events + 1}: {len(particles)} particle lines, "
                                 f"expected NUP = {nup}")
            events += 1
            weight_sum += weight
            for p in particles:
                px_sum += p[6]
            element.clear()
            root.clear()  # drop the cleared <event> children kept by the root
    return events, weight_sum, px_sum


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    events = 0
    weight_sum = 0.0
    for path in argv[1:]:
        n, w, _ = read(path)
        events += n
        weight_sum += w
    print(f"events: {events}")
    print(f"weight sum: {weight_sum!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

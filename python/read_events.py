#!/usr/bin/python3
"""Read an umbra event file (HDF5, docs/format.md) with plain h5py and numpy.

    /usr/bin/python3 python/read_events.py FILE.h5            # summary
    /usr/bin/python3 python/read_events.py FILE.h5 GROUP FIELD  # print a column

In your own code:

    import h5py, numpy as np
    with h5py.File("events.h5", "r") as f:
        weight = f["events/weight"][:]                   # one value per event
        edep, offsets = f["ecal_sim_hits/edep"][:], f["ecal_sim_hits/offsets"][:]
        hits_of_event_7 = edep[offsets[7]:offsets[8]]    # a collection's rows for one event
        per_event_sum = collection_sums(edep, offsets)  # helper below (offsets are uint64)

With pandas: pd.DataFrame({k: v[:] for k, v in f["events"].items()}).
"""
import sys

import h5py
import numpy as np


def collection_sums(values, offsets):
    """Per-event sums of a collection column (0 for empty events)."""
    counts = np.diff(offsets)
    sums = np.zeros(len(counts))
    nonempty = counts > 0
    if nonempty.any():
        sums[nonempty] = np.add.reduceat(values, offsets[:-1][nonempty].astype(np.int64))
    return sums


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with h5py.File(sys.argv[1], "r") as f:
        if len(sys.argv) == 4:
            data = f[sys.argv[2]][sys.argv[3]][:]
            print(" ".join(repr(float(x)) for x in data))
            return
        print(f"schema {f.attrs['schema_version']}, {f.attrs['n_events']} events, umbra {f.attrs['umbra_version']}")
        for name, group in f.items():
            kind = group.attrs.get("kind", "?")
            fields = [k for k in group.keys() if k != "offsets"]
            rows = len(group[fields[0]]) if fields else 0
            line = f"/{name} ({kind}, {rows} rows): {', '.join(fields)}"
            if "offsets" in group and fields:
                sums = collection_sums(group[fields[-1]][:], group["offsets"][:])
                line += f"; per-event sum of {fields[-1]}: mean {sums.mean():.6g}"
            print(line)


if __name__ == "__main__":
    main()

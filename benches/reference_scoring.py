"""The reference side of the scoring benchmark: one CO of the network
(139 members, 40 MFIs x 5 products) ranked the way a Python user would,
with a plain weighted sum in numpy: every offer's score is its eight
criterion values times the weights; each member's best offer per MFI among
those that can serve her; each MFI's CO score is the average over the
members who need a loan. Reads the inputs `cargo bench --bench scoring`
writes to target/network-co-values.csv, checks that it recommends the same
MFI, and prints rankings per second (compare with "rank again under other
weights"). The pricing side is benches/reference_irr.py.

    cargo bench --bench scoring -- network && python3 benches/reference_scoring.py
"""
import pathlib
import time

import numpy as np

PATH = pathlib.Path(__file__).resolve().parent.parent / "target" / "network-co-values.csv"


def load():
    rows, weights, recommended, needing = [], None, None, None
    for line in PATH.read_text().splitlines()[1:]:
        if line.startswith("# weights,"):
            weights = np.array([float(x) for x in line.split(",")[1:]])
        elif line.startswith("# recommended,"):
            parts = line.split(",")
            recommended, needing = int(parts[1]), int(parts[3])
        else:
            rows.append([float(x) for x in line.split(",")])
    data = np.array(rows)
    return data, weights, recommended, needing


def rank(member, institution, serves, values, weights, n_members, n_inst, needing):
    scores = 100.0 * values @ weights
    best = np.zeros((n_inst, n_members))
    ok = serves > 0
    np.maximum.at(best, (institution[ok], member[ok]), scores[ok])
    co = best.sum(axis=1) / max(needing, 1)
    return int(np.argmax(co)), co


def main():
    data, weights, recommended, needing = load()
    member = data[:, 0].astype(int)
    institution = data[:, 1].astype(int)
    serves = data[:, 2]
    values = np.ascontiguousarray(data[:, 3:11])
    n_members, n_inst = member.max() + 1, institution.max() + 1
    first, co = rank(member, institution, serves, values, weights, n_members, n_inst, needing)
    assert first == recommended, (first, recommended)
    best = None
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(100):
            rank(member, institution, serves, values, weights, n_members, n_inst, needing)
        elapsed = (time.perf_counter() - start) / 100
        best = elapsed if best is None else min(best, elapsed)
    print(f"numpy weighted sum: {len(values):,} offers ranked in {best * 1e3:.2f} ms "
          f"({len(values) / best / 1e6:.1f} M offers per second); "
          f"recommends institution {first} as the program does (CO score {co[first]:.2f})")


if __name__ == "__main__":
    main()

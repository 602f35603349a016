"""Independent rates for random irregular loan cards (issue 27).

Writes crates/core/tests/reference/cards-numpy.json: seeded random cards,
each one's lines (date, rupees, what) and the APR numpy-financial's irr gives
for it. crates/core/tests/it/cards.rs prices the same cards with the tool's
card reader (`mfi_core::card::price_card`) and asserts the same APR.

Two kinds of card:

- periodic (and us-actuarial): every flow on a whole number of unit periods
  from the day the loan is paid out (weekly, fortnightly, four-weekly,
  monthly or quarterly), with an odd first period of one to three units,
  gaps where a payment is skipped, unequal payments, sometimes a balloon
  at the end, a charge at disbursement, charges with payments, savings paid
  in and refunded. The flows are laid on the unit period's grid (zeros
  where nothing is paid) and npf.irr gives the rate per period;
  APR = r x periods a year. With no fraction of a period, the US actuarial
  method gives the same APR. Monthly cards start on day 1-28, so that no
  due date is clipped to a shorter month.
- eu: flows on any days within a span that holds no 29 February, so that a
  year is 365 days; laid on a daily grid, npf.irr gives the daily rate r,
  and the EU rate is X = (1 + r)^365 - 1.

    pip install numpy-financial && python3 benches/reference_cards.py
"""
import datetime
import json
import pathlib
import random

import numpy_financial as npf

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/core/tests/reference/cards-numpy.json"

UNITS = [
    ("weekly", "days", 7, 52),
    ("fortnightly", "days", 14, 26),
    ("every 4 weeks", "days", 28, 13),
    ("monthly", "months", 1, 12),
    ("quarterly", "months", 3, 4),
]


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return d.replace(year=d.year + y, month=m + 1)


def rupees(x):
    return f"{x:.2f}"


def periodic_card(rng):
    name, kind, step, per_year = rng.choice(UNITS)
    if kind == "months":
        start = datetime.date(rng.randint(2020, 2030), rng.randint(1, 12), rng.randint(1, 28))
    else:
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 3650))

    def date_at(k):
        if kind == "months":
            return add_months(start, k * step)
        return start + datetime.timedelta(days=k * step)

    amount = rng.randint(100, 5000) * 100
    # Offsets in unit periods: an odd first period, mostly one period apart,
    # sometimes a skipped one or two (never as often as the regular step).
    offsets = [rng.choice([1, 1, 2, 3])]
    count = rng.randint(6, 40 if kind == "days" else 24)
    for _ in range(count - 1):
        offsets.append(offsets[-1] + (1 if rng.random() < 0.85 else rng.choice([2, 3])))
    cost = rng.uniform(0.05, 0.8)
    shares = [rng.uniform(0.7, 1.3) for _ in offsets]
    if rng.random() < 0.3:
        shares[-1] *= rng.uniform(3, 8)  # a balloon
    total = amount * (1 + cost)
    payments = [round(total * s / sum(shares), 2) for s in shares]
    lines = [(start, amount, "disbursed")]
    grid = [0.0] * (offsets[-1] + 1)
    grid[0] += amount
    if rng.random() < 0.6:
        fee = round(amount * rng.uniform(0.005, 0.04), 2)
        lines.append((start, fee, "charge"))
        grid[0] -= fee
    saving = round(rng.uniform(50, 300), 2) if rng.random() < 0.4 else 0
    charge = round(rng.uniform(20, 120), 2) if rng.random() < 0.4 else 0
    for k, p in zip(offsets, payments):
        lines.append((date_at(k), p, "payment"))
        grid[k] -= p
        if charge:
            lines.append((date_at(k), charge, "charge"))
            grid[k] -= charge
        if saving:
            lines.append((date_at(k), saving, "savings"))
            grid[k] -= saving
    if saving:
        refund = round(saving * len(offsets) * rng.uniform(1.0, 1.1), 2)
        lines.append((date_at(offsets[-1]), refund, "refund"))
        grid[offsets[-1]] += refund
    r = npf.irr(grid)
    apr = r * per_year * 100
    method = "us-actuarial" if rng.random() < 0.3 else "periodic"
    return {
        "method": method,
        "unit": name,
        "apr_percent": apr,
        "lines": [[str(d), rupees(a), w] for d, a, w in lines],
    }


def eu_card(rng):
    # Within 1 March 2025 - 28 February 2028: no 29 February.
    start = datetime.date(2025, 3, 1) + datetime.timedelta(days=rng.randint(0, 300))
    span = rng.randint(60, 400)
    amount = rng.randint(100, 3000) * 100
    days = sorted(rng.sample(range(5, span + 1), rng.randint(1, 12)))
    cost = rng.uniform(0.03, 0.6)
    shares = [rng.uniform(0.2, 1.8) for _ in days]
    total = amount * (1 + cost)
    payments = [round(total * s / sum(shares), 2) for s in shares]
    lines = [(start, amount, "disbursed")]
    grid = [0.0] * (days[-1] + 1)
    grid[0] += amount
    if rng.random() < 0.5:
        fee = round(amount * rng.uniform(0.01, 0.05), 2)
        lines.append((start, fee, "charge"))
        grid[0] -= fee
    for k, p in zip(days, payments):
        lines.append((start + datetime.timedelta(days=k), p, "payment"))
        grid[k] -= p
    r = npf.irr(grid)
    x = (1 + r) ** 365 - 1
    return {
        "method": "eu",
        "unit": None,
        "apr_percent": x * 100,
        "lines": [[str(d), rupees(a), w] for d, a, w in lines],
    }


def main():
    rng = random.Random(2010)
    cards = [periodic_card(rng) for _ in range(120)] + [eu_card(rng) for _ in range(40)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # One card a line, so that a change shows card by card in a diff.
    head = json.dumps(
        {"generated_by": "benches/reference_cards.py", "numpy_financial": npf.__version__}
    )[:-1]
    body = ",\n".join(json.dumps(c, separators=(",", ":")) for c in cards)
    OUT.write_text(f'{head}, "cards": [\n{body}\n]}}\n')
    print(f"{len(cards)} cards written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

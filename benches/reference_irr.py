"""The reference side of the pricing benchmark: numpy-financial's irr on the
same 1,000 twelve-month cash flows as crates/bench/benches/pricing.rs (flat
markup 0-30%, amounts 10,000-59,950, a Rs 480 or 1% fee, instalments rounded
to the rupee, the last absorbing the difference), and on the second set
(the same loans with a 2.5% fee of at least Rs 2,500 taxed at 16%, and Rs 100
of savings with each instalment refunded at the end). Prints cash flows
per second for each.

    pip install numpy-financial && python3 benches/reference_irr.py
"""
import time
from decimal import Decimal, ROUND_HALF_UP

import numpy_financial as npf


def flows(k):
    amount = Decimal(10_000 + 50 * k)
    fee = Decimal(480) if k % 3 == 0 else amount / 100
    total = amount + amount * Decimal(k % 31) / 100
    each = (total / 12).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    last = total - each * 11
    return [float(amount - fee)] + [-float(each)] * 11 + [-float(last)]


def todays_flows(k):
    amount = Decimal(10_000 + 50 * k)
    fee = max(amount * Decimal("0.025"), Decimal(2500))
    tax = (fee * Decimal("0.16")).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    total = amount + amount * Decimal(k % 31) / 100
    each = (total / 12).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    last = total - each * 11
    saving = Decimal(100)
    return ([float(amount - fee - tax)] + [-float(each + saving)] * 11
            + [-float(last + saving) + float(saving * 12)])


def timed(name, cases):
    rates = [npf.irr(f) for f in cases]
    best = None
    for _ in range(5):
        start = time.perf_counter()
        for f in cases:
            npf.irr(f)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"numpy-financial irr, {name}: {len(cases) / best:,.0f} cash flows per second "
          f"({best * 1e6 / len(cases):.1f} us each); APR of loan 500 = {rates[500] * 1200:.4f}%")


def main():
    timed("1,000 twelve-month loans", [flows(k) for k in range(1000)])
    timed("with a floor fee, tax and savings", [todays_flows(k) for k in range(1000)])


if __name__ == "__main__":
    main()

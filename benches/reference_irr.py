"""The reference side of the pricing benchmark: numpy-financial's irr on the
same 1,000 twelve-month cash flows as benches/pricing.rs (flat markup
0-30%, amounts 10,000-59,950, a Rs 480 or 1% fee, instalments rounded to the
rupee, the last absorbing the difference). Prints loans per second.

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


def main():
    cases = [flows(k) for k in range(1000)]
    rates = [npf.irr(f) for f in cases]
    best = None
    for _ in range(5):
        start = time.perf_counter()
        for f in cases:
            npf.irr(f)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"numpy-financial irr: {len(cases) / best:,.0f} cash flows per second "
          f"({best * 1e6 / len(cases):.1f} us each); APR of loan 500 = {rates[500] * 1200:.4f}%")


if __name__ == "__main__":
    main()

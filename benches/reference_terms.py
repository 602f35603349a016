"""Independent cash flows for every term of a real product (issue 15).

Each case below builds the borrower's cash flows by hand from the terms, in
exact decimals, the way a key facts statement would: the amount less what is
deducted at disbursement, then each period's instalment with the charges,
taxes and savings paid with it, and at the end the savings refunded with
their interest. numpy-financial's irr gives the periodic rate; the APR is
that rate times the periods in a year, the EIR (1 + r)^periods - 1.

The figures it prints are copied into crates/core/tests/it/terms.rs, which
prices the same terms with the engine and asserts the same APR and EIR to
0.01 percentage point and the same rupee totals exactly.

    pip install numpy-financial && python3 benches/reference_terms.py

Conventions (the engine's, written down independently here):
- instalments are rounded to the rupee, halves up; the last absorbs the rest;
- a flat markup is amount x rate x periods / periods a year, rounded once;
- a declining markup is the balance x the period's rate, rounded each period,
  and the equal instalment is the annuity at the nominal period rate;
- a bullet or interest-only loan charges simple markup on what is owed,
  never markup on markup;
- savings earn simple interest for the months each rupee was held.
"""
import datetime
import json
from decimal import ROUND_HALF_UP, Decimal

import numpy_financial as npf

D = Decimal


def rupee(x):
    return x.quantize(D(1), rounding=ROUND_HALF_UP)


def rates(flows, ppy):
    r = npf.irr([float(f) for f in flows])
    return r * ppy * 100, ((1 + r) ** ppy - 1) * 100


def flat_equal(amount, pct, n, ppy):
    total = amount + rupee(amount * pct / 100 * n / ppy)
    each = rupee(total / n)
    return [each] * (n - 1) + [total - each * (n - 1)]


def declining_equal(amount, pct, n, ppy, period_rates=None):
    i = pct / 100 / ppy
    each = rupee(amount * i / (1 - (1 + i) ** -n))
    owed, out = amount, []
    for k in range(n):
        rate = period_rates[k] if period_rates else i
        interest = rupee(owed * rate)
        due = owed + interest if k == n - 1 else each
        owed -= due - interest
        out.append(due)
    return out


def money(x):
    """Rupees as the engine writes them: 7500, 48840, 12412.5."""
    x = D(x)
    return str(rupee(x)) if x == rupee(x) else str(x.normalize())


def result(name, flows, ppy, **extra):
    apr, eir = rates(flows, ppy)
    return {
        "case": name,
        "received": money(flows[0]),
        "total_cost": money(-sum(flows)),
        "apr_percent": round(apr, 4),
        "eir_percent": round(eir, 4),
        **extra,
    }


def cases():
    out = []

    # 1-2. A fee of 2.5% with a floor of Rs 2,500, small and large loans:
    # 25% flat, 12 months, monthly. The floor applies to Rs 20,000 (2.5% is
    # Rs 500) but not to Rs 2,00,000 (2.5% is Rs 5,000).
    for amount in (D(20000), D(200000)):
        fee = max(amount * D("0.025"), D(2500))
        flows = [amount - fee] + [-x for x in flat_equal(amount, D(25), 12, 12)]
        out.append(result(f"floor fee, Rs {amount}", flows, 12, fee=money(fee)))

    # 3. A 2% fee with 16% tax on it: Rs 50,000 at 24% declining, 12 months.
    amount = D(50000)
    fee = amount * D("0.02")
    tax = rupee(fee * D("0.16"))
    flows = [amount - fee - tax] + [-x for x in declining_equal(amount, D(24), 12, 12)]
    out.append(result("fee with 16% tax", flows, 12, fee=money(fee), tax=money(tax)))

    # 4-5. Rs 200 of savings with each instalment, refunded at the end, with
    # no interest and with 5% a year: Rs 30,000 at 20% flat, 12 months.
    for interest_pct in (D(0), D(5)):
        amount = D(30000)
        dues = flat_equal(amount, D(20), 12, 12)
        saving = D(200)
        held_months = sum(12 - k for k in range(1, 13))
        interest = rupee(saving * interest_pct / 100 / 12 * held_months)
        refund = saving * 12 + interest
        flows = [amount] + [-(d + saving) for d in dues]
        flows[-1] += refund
        out.append(
            result(
                f"savings per instalment, {interest_pct}% interest",
                flows,
                12,
                savings_interest=money(interest),
            )
        )

    # 6. A bullet loan: Rs 50,000 at 25% declining for 12 months, all at the
    # end: Rs 12,500 of markup (simple), not Rs 14,036 (compounded).
    amount = D(50000)
    flows = [amount] + [D(0)] * 11 + [-(amount + amount * D("0.25"))]
    out.append(result("bullet", flows, 12, markup=money(amount * D("0.25"))))

    # 7. Interest-only: Rs 40,000 at 24% declining, 12 months: Rs 800 of
    # markup a month, the amount with the last.
    amount = D(40000)
    flows = [amount] + [-D(800)] * 11 + [-(amount + 800)]
    out.append(result("interest-only", flows, 12))

    # 8. Three grace months whose markup is paid: Rs 25,000 at 24% declining,
    # Rs 500 a month in grace, then 12 equal instalments.
    amount = D(25000)
    flows = [amount] + [-D(500)] * 3 + [-x for x in declining_equal(amount, D(24), 12, 12)]
    out.append(result("grace, markup paid", flows, 12))

    # 9. A dated monthly schedule, declining at 30% with actual/365 days:
    # Rs 1,00,000 disbursed 15 January 2026, 12 monthly instalments.
    start = datetime.date(2026, 1, 15)

    def add_months(d, n):
        y, m = divmod(d.month - 1 + n, 12)
        return d.replace(year=d.year + y, month=m + 1)

    dates = [add_months(start, k) for k in range(13)]
    days = [(dates[k + 1] - dates[k]).days for k in range(12)]
    period_rates = [D("0.30") * d / 365 for d in days]
    amount = D(100000)
    dues = declining_equal(amount, D(30), 12, 12, period_rates)
    flows = [amount] + [-x for x in dues]
    out.append(
        result(
            "dated monthly, actual/365",
            flows,
            12,
            first_due=str(dates[1]),
            last_due=str(dates[12]),
            last_instalment=money(dues[-1]),
        )
    )

    # 10. A dated four-weekly schedule: Rs 30,000 at 26% flat for 12 months
    # is 13 instalments 28 days apart, disbursed 1 March 2026.
    start = datetime.date(2026, 3, 1)
    dates = [start + datetime.timedelta(days=28 * k) for k in range(14)]
    amount = D(30000)
    flows = [amount] + [-x for x in flat_equal(amount, D(26), 13, 13)]
    out.append(
        result(
            "dated four-weekly",
            flows,
            13,
            first_due=str(dates[1]),
            last_due=str(dates[13]),
        )
    )

    # 11. Insurance by band: Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800
    # above. Rs 45,000 at 22% flat for 12 months pays Rs 400, upfront.
    amount = D(45000)
    flows = [amount - 400] + [-x for x in flat_equal(amount, D(22), 12, 12)]
    out.append(result("insurance by band", flows, 12))

    # 12. Markup by band (20% up to 50,000; 18% above) and a quarterly loan:
    # Rs 80,000 flat for 24 months, 8 quarterly instalments, at 18%.
    amount = D(80000)
    flows = [amount] + [-x for x in flat_equal(amount, D(18), 8, 4)]
    out.append(result("markup band, quarterly", flows, 4))

    return out


if __name__ == "__main__":
    print(json.dumps(cases(), indent=1))

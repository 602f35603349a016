"""Independent terms to negotiate for random plans and offers (issue 31).

Written from the rule as the README states it ("Terms to negotiate with the
MFI"), not from the Rust code: for each case, the offer's equal instalments
(the engine's rounding to the rupee), whether they fit her months
(`reference_months.judge`), and when they do not (or only with money put
aside, or only over a longer term), a grace in her lean months and a
seasonal schedule, each priced from its cash flows with numpy-financial's
irr and judged by the same rule.

    pip install numpy-financial
    python3 benches/reference_negotiate.py > crates/core/tests/negotiate_reference.json

The Rust test `months::terms_to_negotiate_agree_with_an_independent_script`
reads that file, builds each plan and offer, evaluates them with the engine
and asserts the same proposals: kind, months, the rupees of each month, the
APR and the cost.

The rule:
- her lean months: the calendar months whose free money is below her middle
  month's (the mean of the 6th and 7th of her twelve, smallest first);
- a grace: no instalment in her lean months, equal shares in the others; a
  seasonal schedule: each month's share its room (75% of her free money,
  never below nothing); the loan ends with the last month with a share;
- flat (and qard, at 0%): the markup on the amount for the whole term
  (rounded to the rupee), the amount and markup split in proportion to the
  shares, each rounded to the rupee (never below nothing nor beyond what is
  left), the last taking the rest;
- declining: the month's markup on what is still owed (owed x the rate / 12
  as the tool's decimals hold it, 28 places, rounded to the rupee); each payment the scale c times the month's share (rounded
  to the rupee), c = amount / sum(share_k / (1 + i)^k); a payment pays the
  markup due first (a month's unpaid markup is paid with the next payments,
  earning no markup itself); the last payment all that is left;
- APR = 12 x the monthly IRR of her flows (what she receives, then each
  month's payment); cost = what she pays less what she receives;
- it is proposed only when it fits her months with nothing put aside and is
  not the offer's own schedule: over the term she asked for, else over the
  shortest longer term within the product's range that makes it fit, found
  by halving between the two (as the best term is); when the offer itself
  fits over a longer term with nothing put aside, only shorter terms are
  tried for a grace or a seasonal schedule, and the longer term is
  proposed first.
"""
import json
import random
import sys
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, getcontext
from pathlib import Path

import numpy_financial as npf

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_months as rm  # noqa: E402

getcontext().prec = 60
D = Decimal


def rupee(x):
    return x.quantize(D(1), rounding=ROUND_HALF_UP)


def monthly(rate):
    """A month's share of a year's rate as the tool's decimals hold it: to
    28 places (then a month's markup is owed x that share: Rs 15,000 at 25%
    is Rs 312.4999..., Rs 312, not Rs 312.50)."""
    return (rate / 12).quantize(D("1e-28"), rounding=ROUND_HALF_EVEN)


def offer_schedule(basis, markup, amount, n):
    """The offer's equal instalments, rupees, month 1 first."""
    P = D(amount)
    rate = D(markup) / 100
    if basis in ("flat", "qard"):
        if basis == "qard":
            rate = D(0)
        total = P + rupee(P * rate * n / 12)
        each = rupee(total / n)
        if each * (n - 1) > total:
            each = (total / n).quantize(D(1), rounding=ROUND_FLOOR)
        return [each] * (n - 1) + [total - each * (n - 1)]
    i = monthly(rate)
    annuity = rupee(P * i / (1 - (1 + i) ** -n))
    owed, out = P, []
    for j in range(1, n + 1):
        interest = rupee(owed * i)
        if j == n:
            out.append(owed + interest)
        else:
            out.append(annuity)
            owed -= annuity - interest
    return out


def shaped(basis, markup, amount, weights):
    """A schedule in proportion to `weights`, rupees month 1 first."""
    n = max(k for k, w in enumerate(weights) if w > 0) + 1
    w = [D(x) for x in weights[:n]]
    P = D(amount)
    rate = D(0) if basis == "qard" else D(markup) / 100
    if basis in ("flat", "qard"):
        total = P + rupee(P * rate * n / 12)
        W = sum(w)
        left, out = total, []
        for k in range(n):
            if k == n - 1:
                part = left
            else:
                part = min(max(rupee(total * w[k] / W), D(0)), left)
            left -= part
            out.append(part)
        return out
    i = monthly(rate)
    v = 1 / (1 + i)
    present, disc = D(0), D(1)
    for x in w:
        disc *= v
        present += x * disc
    c = P / present
    owed, accrued, out = P, D(0), []
    for k in range(n):
        m = rupee(owed * i)
        due = accrued + m
        if k == n - 1:
            d = owed + due
        else:
            d = min(rupee(c * w[k]), owed + due)
        to_markup = min(d, due)
        accrued = due - to_markup
        owed -= d - to_markup
        out.append(d)
    return out


def price(flows_paid, received):
    flows = [float(received)] + [-float(p) for p in flows_paid]
    r = npf.irr(flows)
    return r * 12 * 100, sum(flows_paid) - received


def paisa(rs):
    return [int(p * 100) for p in rs]


def lean_months(free):
    s = sorted(free)
    t = s[5] + s[6]
    # Halved towards zero, as whole paisa.
    middle = t // 2 if t >= 0 else -((-t) // 2)
    return [m for m in range(12) if free[m] < middle]


def case_result(c):
    income, free, debts, savings = rm.her_months(c["plan"])
    start = c["start"]
    basis, markup, amount = c["basis"], c["markup"], c["amount"]
    asked, longest = c["asked"], c["longest"]

    def judge(pays):
        return rm.judge(income, free, debts, savings, pays, start)

    def offer_fits(n):
        return judge(paisa(offer_schedule(basis, markup, amount, n)))["affordable"]

    # The offer's term: the one asked for, else the shortest longer that
    # fits (halving), else the one asked for.
    months = asked
    if asked < longest and not offer_fits(asked) and offer_fits(longest):
        lo, hi = asked, longest
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if offer_fits(mid):
                hi = mid
            else:
                lo = mid
        months = hi
    offer = offer_schedule(basis, markup, amount, months)
    j = judge(paisa(offer))
    out = {"offer_months": months, "offer_fits": j["affordable"],
           "offer_aside": j["aside"], "proposals": []}
    if j["affordable"] and j["aside"] == 0 and months == asked:
        return out
    top = longest
    if months != asked and j["affordable"]:
        apr, cost = price(offer, D(amount))
        out["proposals"].append({"kind": "longer_term", "months": months,
                                 "pays": paisa(offer), "apr": apr,
                                 "cost": str(cost)})
        if j["aside"] == 0:
            top = months - 1
    if top < asked:
        return out
    lean = lean_months(free)
    for kind in ("grace", "seasonal"):
        def attempt(n):
            span = n
            if kind == "grace":
                w = [0 if (start + k) % 12 in lean else 1 for k in range(1, span + 1)]
                last = max((k for k, x in enumerate(w) if x > 0), default=None)
                if last is None or all(x > 0 for x in w[:last]):
                    return None
            else:
                w = [max(free[(start + k) % 12] * rm.SHARE_BP // 10000, 0)
                     if free[(start + k) % 12] > 0 else 0
                     for k in range(1, span + 1)]
                if not any(w):
                    return None
            s = shaped(basis, markup, amount, w)
            if paisa(s) == paisa(offer_schedule(basis, markup, amount, n)):
                return None
            jj = judge(paisa(s))
            if not (jj["affordable"] and jj["aside"] == 0):
                return None
            return s

        found, n_found = attempt(asked), asked
        if found is None and top > asked and attempt(top) is not None:
            lo, hi = asked, top
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if attempt(mid) is not None:
                    hi = mid
                else:
                    lo = mid
            found, n_found = attempt(hi), hi
        if found is None:
            continue
        apr, cost = price(found, D(amount))
        out["proposals"].append({"kind": kind, "months": len(found),
                                 "term": n_found, "pays": paisa(found),
                                 "apr": apr, "cost": str(cost)})
    return out


def rubina():
    """Three lean months (Jun-Aug at 60%) right after the payout in May:
    Rs 30,000 at 24% declining over 12 months, Rs 2,837 a month, fails in
    her lean months (she can spare Rs 1,500 in them); a grace and a
    seasonal schedule fit."""
    return {
        "name": "Rubina: three lean months, equal instalments fail",
        "plan": {"monthly_sales": 10000, "monthly_business_costs": 0,
                 "other_income": 0, "household_expenses": 4000,
                 "other_repayments": 0, "savings_now": 0,
                 "sales_percent": [100] * 5 + [60] * 3 + [100] * 4},
        "start": 4, "basis": "declining", "markup": 24, "amount": 30000,
        "asked": 12, "longest": 12,
    }


def random_case(rng, i):
    usual = rng.choice([8000, 10000, 12000, 16000])
    shares = [100] * 12
    first = rng.randrange(12)
    for k in range(rng.choice([2, 3, 3, 4])):
        shares[(first + k) % 12] = rng.choice([30, 40, 50, 60])
    if rng.random() < 0.4:
        shares[rng.randrange(12)] = 150
    plan = {
        "monthly_sales": usual,
        "monthly_business_costs": rng.choice([0, usual // 5]),
        "other_income": rng.choice([0, 1000]),
        "household_expenses": rng.choice([3000, 4000, 5000]),
        "other_repayments": 0,
        "savings_now": rng.choice([0, 0, 2000]),
        "sales_percent": shares,
    }
    asked = rng.choice([6, 12, 12, 18])
    return {
        "name": f"random {i}",
        "plan": plan,
        "start": rng.randrange(12),
        "basis": rng.choice(["flat", "declining", "declining", "qard"]),
        "markup": rng.choice([20, 25, 30]),
        "amount": rng.choice([15000, 25000, 40000, 60000]),
        "asked": asked,
        "longest": asked + rng.choice([0, 0, 6, 12]),
    }


def main():
    rng = random.Random(3131)
    cases = [rubina()] + [random_case(rng, i) for i in range(80)]
    for c in cases:
        c["expected"] = case_result(c)
    kinds = {}
    for c in cases:
        for p in c["expected"]["proposals"]:
            kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    print(json.dumps({
        "note": "generated by benches/reference_negotiate.py (seed 3131): "
                + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())),
        "cases": cases,
    }, indent=1))


if __name__ == "__main__":
    main()

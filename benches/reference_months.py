"""Independent month-by-month checks of 200 random plans and loans (issue 31).

Written from the rule as the README states it ("Her months and her debts"),
not from the Rust code: for each case, her household's money month by month
from the disbursement to the last payment, and whether the loan fits.

    python3 benches/reference_months.py > crates/core/tests/months_reference.json

The Rust test `months::the_rule_agrees_with_an_independent_script_on_200_cases`
reads that file, builds each plan and loan, judges it with the engine and
asserts the same verdict, the same months short (and why), the same sum a
month and the same money put aside.

The rule, in paisa (whole hundredths of a rupee):
- her income in a calendar month: her sales that month (her usual month, or
  a share of it) less her business costs (following her sales in proportion),
  plus other income; her free money: income less household expenses and what
  she already repays on other debts;
- the loan may take at most 75% of her free money (rounded down to the
  paisa); a month whose free money is below zero takes the deficit from her
  cash;
- until the last month whose payment its room cannot meet (or whose
  household spends more than it earns) she gives the same sum every month
  (never more than the month's room), or the month's payment when that is
  more and the month's room meets it; what she gives beyond the payment is
  put aside; what a payment needs beyond what she gives comes from what she
  put aside or the cash she had saved; after that month she gives what falls
  due;
- the smallest such sum with which her cash never runs out; when even the
  most she can give runs out, the months where it runs out are short (she
  misses what she cannot pay; the next months start again from nothing);
- when every month's payment is within that month's own room, the sum is the
  largest payment (nothing put aside, nothing taken from her savings);
- and in every month where the loan takes anything, her debts (other
  repayments, what she gives the loan) at most 50% of her income;
- with no disbursement month and months that differ, every month of the year
  is tried and the worst kept (not fitting is worst; then the most months
  short; then the most put aside; then the least room left: after what she
  gives when it fits, after what falls due when it does not; the earliest
  month of the year among equals).
"""
import json
import random
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
SHARE_BP = 7500
CAP_BP = 5000


def paisa(x):
    q = (x * 100).quantize(D(1), rounding=ROUND_HALF_UP)
    return int(q)


def her_months(plan):
    usual = D(plan["monthly_sales"])
    costs = D(plan["monthly_business_costs"])
    other = D(plan["other_income"])
    household = D(plan["household_expenses"])
    debts = D(plan["other_repayments"])
    shares = plan["sales_percent"]
    sales = [usual * D(p) / 100 for p in shares] if shares else [usual] * 12
    if usual == 0:
        cost_m = [costs] * 12
    else:
        cost_m = [costs * s / usual for s in sales]
    income = [paisa(sales[m] - cost_m[m] + other) for m in range(12)]
    free = [income[m] - paisa(household) - paisa(debts) for m in range(12)]
    return income, free, paisa(debts), paisa(D(plan["savings_now"]))


def judge(income, free, debts, savings, pays, start):
    t = len(pays)
    s0 = start if start is not None else 0

    def cal(k):
        return (s0 + k) % 12

    def room(k):
        f = free[cal(k)]
        return f * SHARE_BP // 10000 if f > 0 else f

    def due(k):
        return pays[k - 1]

    # The last month that draws on money from before.
    last = 0
    for k in range(t, 0, -1):
        if due(k) > max(room(k), 0) or room(k) < 0:
            last = k
            break

    def gives(b, k):
        cap = max(room(k), 0)
        if k > last:
            return min(due(k), cap)
        if due(k) <= cap:
            return min(max(b, due(k)), cap)
        return min(b, cap)

    def run(b, record):
        cash = savings
        short = []
        for k in range(1, t + 1):
            r = room(k)
            cash += gives(b, k) - due(k)
            if r < 0:
                cash += r
            if cash < 0:
                if not record:
                    return False, []
                if due(k) > 0:
                    short.append({"month": k, "why": "payment", "pays": due(k),
                                  "could": max(due(k) + cash, 0)})
                else:
                    short.append({"month": k, "why": "household", "deficit": -r})
                cash = 0
        return not short, short

    most = max([max(room(k), 0) for k in range(1, t + 1)] + [0])
    if all(room(k) >= due(k) for k in range(1, t + 1)):
        b, short = max(pays + [0]), []
        fits_cash = True
    elif run(most, False)[0]:
        lo, hi = 0, most
        while lo < hi:
            mid = (lo + hi) // 2
            if run(mid, False)[0]:
                hi = mid
            else:
                lo = mid + 1
        b, short, fits_cash = lo, [], True
    else:
        b = most
        _, short = run(most, True)
        fits_cash = False
    aside = 0
    tightest = None
    for k in range(1, t + 1):
        r = room(k)
        given = gives(b, k)
        if given > due(k):
            aside = max(aside, given - due(k))
        # The room left: after what she gives when it fits, after what
        # falls due when it does not.
        left = r - given if fits_cash else r - due(k)
        tightest = left if tightest is None else min(tightest, left)
        inc = income[cal(k)]
        carried = debts + given
        if inc > 0:
            over = carried * 10000 // inc > CAP_BP
        else:
            over = carried > 0
        if fits_cash and over and (given > 0 or due(k) > 0):
            short.append({"month": k, "why": "debts"})
    short.sort(key=lambda s: s["month"])
    ok = fits_cash and not short
    return {
        "affordable": ok,
        "short": short,
        "sum": b,
        "aside": ((aside + 99) // 100 * 100) if ok and aside > 0 else 0,
        "tightest": (tightest if tightest is not None else 0) if ok else min(tightest or 0, -1),
    }


def judge_start(income, free, debts, savings, pays, start):
    seasonal = len(set(free)) > 1 or len(set(income)) > 1
    if start is not None:
        return judge(income, free, debts, savings, pays, start), None
    if not seasonal:
        return judge(income, free, debts, savings, pays, None), None
    worst, fits = None, []
    for m in range(12):
        j = judge(income, free, debts, savings, pays, m)
        if j["affordable"]:
            fits.append(m)
        if worst is None:
            worst = (j, m)
            continue
        # Worse: not fitting; then more months short; then more put aside;
        # then less room left.
        def key(x):
            return (x["affordable"], -len(x["short"]), -x["aside"], x["tightest"])
        if key(j) < key(worst[0]):
            worst = (j, m)
    return worst[0], {"fits": fits, "assumed": worst[1]}


def random_case(rng):
    usual = rng.choice([4000, 6000, 8000, 10000, 14000])
    plan = {
        "monthly_sales": usual,
        "monthly_business_costs": rng.choice([0, usual // 4, usual // 2]),
        "other_income": rng.choice([0, 1500, 3000]),
        "household_expenses": rng.choice([1000, 2000, 3000, 4000]),
        "other_repayments": rng.choice([0, 0, 0, 500, 1500]),
        "savings_now": rng.choice([0, 0, 0, 5000, 20000]),
        "sales_percent": None,
    }
    if rng.random() < 0.5:
        shares = [100] * 12
        first = rng.randrange(12)
        for k in range(rng.choice([2, 3, 4])):
            shares[(first + k) % 12] = rng.choice([30, 50, 70])
        if rng.random() < 0.5:
            peak = rng.randrange(12)
            shares[peak] = 150
        plan["sales_percent"] = shares
    n = rng.choice([6, 12, 12, 18, 24])
    kind = rng.choice(["equal", "equal", "balloon", "bullet", "quarterly"])
    amount = rng.choice([10000, 20000, 30000, 50000]) * 100
    if kind == "equal":
        each = amount * rng.choice([112, 125, 130]) // 100 // n
        pays = [each] * n
        pays[-1] += rng.choice([0, 300, -300])
        regular = each
    elif kind == "balloon":
        interest = amount * 25 // 100 // 12
        pays = [interest] * n
        pays[-1] += amount
        regular = interest
    elif kind == "bullet":
        pays = [0] * n
        pays[-1] = amount * (100 + 2 * n) // 100
        regular = 0
    else:
        q = amount * 125 // 100 // (n // 3 if n >= 3 else 1)
        pays = [q if (k + 1) % 3 == 0 else 0 for k in range(n)]
        regular = q
    start = rng.choice([None, None, rng.randrange(12)])
    return plan, pays, regular, start


def main():
    rng = random.Random(31)
    cases = []
    for i in range(200):
        plan, pays, regular, start = random_case(rng)
        income, free, debts, savings = her_months(plan)
        j, paid_out = judge_start(income, free, debts, savings, pays, start)
        cases.append({
            "case": i,
            "plan": plan,
            "pays": pays,
            "regular": regular,
            "start": start,
            "expected": {
                "affordable": j["affordable"],
                "short": [{"month": s["month"], "why": s["why"]} for s in j["short"]],
                "sum": j["sum"],
                "aside": j["aside"],
                "fits": paid_out["fits"] if paid_out else None,
            },
        })
    affordable = sum(c["expected"]["affordable"] for c in cases)
    aside = sum(1 for c in cases if c["expected"]["aside"] > 0)
    print(json.dumps({
        "note": "generated by benches/reference_months.py (seed 31): "
                f"{affordable} of 200 fit, {aside} only with money put aside",
        "cases": cases,
    }, indent=1))


if __name__ == "__main__":
    main()

"""Small games with a side payment or uncertain ratification, computed by hand in the tests."""

from __future__ import annotations

BORDER_FUNDING = """format = "negotiate/1"
[game]
id = "border_funding"
kind = "negotiation"
title = "Border enforcement for money"

[[party]]
id = "us"
[party.values]
border = { enforce = 4 }
visas = { more = -1 }

[[party]]
id = "mx"
[party.values]
border = { enforce = -6 }
visas = { more = 3 }

[[issue]]
id = "border"
options = ["lax", "enforce"]

[[issue]]
id = "visas"
options = ["few", "more"]

[[constituency]]
id = "appropriators"
party = "us"
[constituency.values]
border = { enforce = 7 }

[[ratification]]
party = "us"
quota = 1

[[transfer]]
id = "funding"
from = "us"
to = "mx"
max = 200
[transfer.values]
us = "-1/20"
mx = "1/10"
appropriators = "-1/10"
"""
"""Hand computation. Deals (d = 0): (enforce, few): us 4 - x/20 >= 0 iff x <= 80, mx -6 + x/10
>= 0 iff x >= 60, appropriators 7 - x/10 >= 0 iff x <= 70: feasible [60, 70]. (enforce, more):
us x <= 60, mx x >= 30, appropriators x <= 70: [30, 60]. (lax, more): us -1 - x/20 < 0: none.
Nash on (enforce, more): x* = -(b1 a2 + b2 a1) / (2 b1 b2) = (3/20 + 3/10) / (1/100) = 45, gains
3/4, 3/2 (product 9/8); on (enforce, few) the root 70 is the upper end, gains 1/2, 1 (1/2).
Price of border alone 60, of visas alone none."""

UNCERTAIN_CONGRESS = """format = "negotiate/1"
[game]
id = "uncertain_congress"
kind = "negotiation"
title = "An uncertain Congress"

[[party]]
id = "us"
[party.values]
deal = { big = 3, small = 1 }

[[party]]
id = "mx"
[party.values]
deal = { big = 3, small = 2 }

[[issue]]
id = "deal"
options = ["none", "small", "big"]

[[constituency]]
id = "democrats"
party = "us"
weight = 30
reservation = [{ value = 0, probability = "2/3" }, { value = 2, probability = "1/3" }]
[constituency.values]
deal = { big = 1, small = 3 }

[[constituency]]
id = "republicans"
party = "us"
weight = 41
[constituency.values]
deal = { big = 1, small = 1 }

[[constituency]]
id = "business"
party = "us"
weight = 29
reservation = [{ value = 1, probability = "1/2" }, { value = 3, probability = "1/2" }]
[constituency.values]
deal = { big = 2, small = 3 }

[[ratification]]
party = "us"
quota = [{ value = 60, probability = "1/2" }, { value = 71, probability = "1/2" }]
"""
"""Hand computation for `big`: democrats accept with probability 2/3 (1 >= R), republicans
surely, business with 1/2 (2 >= R). Approving weight: 41 (1/6), 70 (1/6), 71 (1/3), 100 (1/3).
P(W >= 60) = 5/6, P(W >= 71) = 2/3, so pi_us(big) = (5/6 + 2/3) / 2 = 3/4. For `small` every
constituency surely accepts (weight 100): pi = 1. Expected Nash: big 3/4 * 3 * 3/4 * 3 = 81/16 >
small 1 * 2 = 2."""

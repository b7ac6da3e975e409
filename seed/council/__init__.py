"""A synthetic council: young people in care with their families, workers and Lifelong Links work.

    python -m seed.council [--young-people 1000] [--seed 7] [--batch 5000] [--team-count 10]

Everything comes from the seed number: the same arguments give the same people, ties, dates and
ids (`c7-yp-0001`, `c7-p-000123`, ...). About 260 people and 920 relationships a young person:

- a family of four or five generations around each young person, both sides: parents (some
  unknown), grandparents, great- and great-great-grandparents (the oldest mostly deceased, some
  unknown), aunts, uncles and their partners, cousins and their children, second cousins,
  half-siblings, step-parents and step-siblings, partners married, in a civil partnership,
  living together, separated or divorced, a few adopted children and siblings known only by a
  sibling tie;
- one young person in five has a brother or sister also in care: the two share the family, and
  every shared relative is in both networks (a maternal half-brother shares the maternal side);
- trusted adults (foster carers and teachers shared by young people placed with them or at their
  school, social workers, youth workers, mentors, family friends) over periods, some ended;
- a timeline per young person (homes, placements, schools, events);
- teams with a manager, coordinators and social workers, allocated to the young people;
- Lifelong Links connections (five to ten a young person) at every stage with their history,
  contacts (some long ago, so lapsed) and commitments, and a few wishes;
- for about half the families, the family tree as imported from a GEDCOM file (an external id
  `gedcom:<young person>` on each relative, as `POST /imports/gedcom` records it);
- active safety flags on about one person in a hundred, about one person in 500 in a two-person
  household with a shared address, and a court order for one young person in 50.

Dates are relative to `REFERENCE_DATE`; nothing is later. Each family has its own random stream
(seed, family number), so a council is the start of any larger one with the same seed and team
count: building 100 young people, then 1,000, adds the other 900.

Writing: the schema first, then one phase after another, each in batches of `--batch` rows
(weighted by the relationships they create) per managed write transaction, nodes before the
relationships that join them. Every node is merged on its unique id, and every relationship is
created only when it is not there yet (by its unique id where the schema has one, else between
its two ends, or with the node it hangs from), so a re-run, or a run after an interruption,
completes what is missing and creates nothing twice.
"""

from seed.council.base import REFERENCE_DATE, Council
from seed.council.generate import generate
from seed.council.write import BuildSummary, PhaseResult, build, main

__all__ = [
    "REFERENCE_DATE", "BuildSummary", "Council", "PhaseResult", "build", "generate", "main",
]  # fmt: skip

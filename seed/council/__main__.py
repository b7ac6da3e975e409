"""`python -m seed.council`: build the synthetic council (see `seed.council`)."""

from seed.council.write import main

raise SystemExit(main())

"""`python -m reconcile.bench`: see `reconcile.bench.run`."""

from reconcile.bench.run import main

main()

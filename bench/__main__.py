"""`python -m bench`: run every benchmark and print the figures."""

from bench.main import main

main()

"""keten's benchmarks: `make bench` (= `python -m bench`) measures, in one run, side by side.

(a) match latency on the embedded stack: start of the second signal on a young person until the
    match is visible in the first professional's view; (b) relay throughput against a raw
    kafka-python producer sending the same records to the same broker; (c) `keten audit verify
    --all` and `keten rebuild --all` against raw reads of the same store and topics (bench/audit.py).
    Not tests: nothing here
    asserts; it prints figures, each on its own line, the ratio last.
"""

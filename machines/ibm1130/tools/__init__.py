"""Tools around the IBM 1130: the command line (``cli``), benchmarks
(``bench``, ``dmsbench``, ``asm_bench``) and the comparison with the
reference simulator's trace (``simhtrace``)."""

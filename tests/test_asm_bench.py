"""The assembler benchmark prints its figures (no timing is asserted)."""

from machines.ibm1130.tools import asm_bench


def test_benchmark_prints_rates(capsys):
    assert asm_bench.main(repeat=1) == 0
    out = capsys.readouterr().out
    assert "generated" in out and "lines/s" in out and "0 errors" in out


def test_generated_program_assembles_cleanly():
    from machines.ibm1130.asm.assembler import assemble
    asm = assemble(asm_bench.generated_program(80), "g.asm")
    assert not asm.errors and len(asm.words) > 80

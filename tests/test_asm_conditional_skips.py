"""Conditional assembly: AGO and AIF skip to the next statement with the
label in time linear in the source (16,000 AGO/label pairs took 133 s when
each skip scanned the whole source)."""

import time

import pytest

from machines.ibm1130.asm.assembler import assemble


@pytest.mark.parametrize("directive", ["AGO\t\tA{0:04X}", "AIF\t\t(1 EQ 1),A{0:04X}"])
def test_16000_conditional_skips_are_linear(directive):
    # 16,000 AGO/label pairs took 133 s when each skip scanned the source
    source = "".join(f"\t{directive.format(i)}\n\tDC\t\t1\nA{i:04X}\tANOP\n"
                     for i in range(16000))
    started = time.perf_counter()
    asm = assemble(source, "f.asm")
    elapsed = time.perf_counter() - started
    assert asm.errors == [] and asm.words == {}
    assert elapsed < 20, f"{elapsed:.1f} s"


def test_skipping_to_a_label_only_before_the_branch_is_an_error():
    asm = assemble("B\tANOP\n\tAGO\t\tB\n\tAGO\t\tC\nC\tANOP\n", "f.asm")
    assert [(e.line, e.message) for e in asm.errors] == [(2, "no later statement is labelled B")]

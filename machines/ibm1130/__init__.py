"""The IBM 1130 computing system (CPU, devices, assembler, codes, cards)."""

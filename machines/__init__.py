"""Emulated hardware: the IBM 1130 system and the vector display.

Everything under ``machines`` imports only the standard library at import
time, so it runs unchanged in Pyodide (see ../shared/DESIGN.md, "Rules").
"""

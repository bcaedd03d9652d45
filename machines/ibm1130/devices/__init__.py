"""The IBM 1130's I/O devices, one module per IBM model (SIMH's device files).

Every device follows ``device.Device``: an area code, ``xio()`` (named
functions, ``device.Xio``), ``reset()``, timed events, and three tables
declared once: its interrupts (level and ILSW bit, by name), the fields of
its saved state and the registers the operator sees.  On the
bus: ``switches`` (console entry switches, area 7), ``console1131`` (1131
console keyboard and printer, area 1), ``reader1442`` (1442 card read punch,
area 2), ``reader2501`` (2501 card reader, area 9), ``papertape1134`` (1134
reader and 1055 punch, area 3), ``printer1132`` (1132 line printer, area 6),
``disk2310`` (the internal drive, area 4, and 2310 drives, areas 0x11-0x14).
Off line, in the card room: ``keypunch029`` (the IBM 029 keypunch).
"""

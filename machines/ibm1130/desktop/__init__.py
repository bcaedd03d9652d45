"""The IBM 1130 in a desktop pyxel window: ``python -m machines.ibm1130 desktop``.

``layout`` (where things sit), ``model`` (what a click or key does, no
pyxel), ``paint`` and ``window`` (pyxel, desktop only), ``command`` (the
subcommand's arguments).  Importing the package imports no pyxel.
"""

"""The Python side of the IBM 1130 web page (driven by web/js/ibm1130/worker.js).

``bridge.Bridge`` routes the page's messages to one module per pane
(assembly, runs, console, debugger, cardroom, disks, output,
machine_state), with ``pacing`` the one owner of the page's speed and
``room`` the one machine they share; see ``bridge``'s docstring.
"""

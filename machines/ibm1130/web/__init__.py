"""The Python side of the IBM 1130 web page (driven by web/js/ibm1130/worker.js)."""

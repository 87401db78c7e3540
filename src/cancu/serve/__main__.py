"""``python -m cancu.serve [options]``: the same as ``cancu serve``."""

from __future__ import annotations

import argparse
import sys

from cancu.cli import serve

if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m cancu.serve")
    serve.register(parser.add_subparsers(dest="command"))
    sys.exit(serve.cmd_serve(parser.parse_args(["serve", *sys.argv[1:]])))

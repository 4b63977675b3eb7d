#!/usr/bin/env python3
"""readme.py README.md latest.md: puts latest.md between README's `<!-- bench:latest -->` and `<!-- /bench:latest -->`."""
import sys

readme, table = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(readme).read()
begin, end = "<!-- bench:latest -->", "<!-- /bench:latest -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(readme, "w").write(text[:i] + "\n" + table + "\n" + text[j:])
print(f"{readme}: Performance table replaced")
